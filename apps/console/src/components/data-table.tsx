import type { ComponentChildren } from 'preact';

/** A column heading; `numeric` right-aligns it like its cells (class `num`). */
export type Column = { label: ComponentChildren; numeric?: boolean };

/** The `<thead>` of a data table: one `scope="col"` heading a column. */
export function ColumnHeads({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) => (
          <th key={i} scope="col" class={c.numeric ? 'num' : undefined}>
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/**
 * A wide table's horizontal scroll region, named after the table and reachable by keyboard so
 * its hidden columns can be scrolled to without a mouse (WCAG 2.1.1).
 */
export function ScrollRegion({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
    <section class="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
