import type { ComponentChildren } from 'preact';

export type PageOption = { value: number; label: string };

/**
 * The viewers' "which page / which sheet" picker: a labelled select when there is more than one
 * option, else `single` (a plain line naming the only one). The plan viewer and the comparison
 * viewer share it so both toolbars keep the same markup and keyboard behaviour.
 */
export function PageSelect({
  label,
  options,
  value,
  onChange,
  testId,
  single,
}: {
  label: string;
  options: readonly PageOption[];
  value: number;
  onChange: (value: number) => void;
  testId: string;
  single: ComponentChildren;
}) {
  if (options.length <= 1) return <span>{single}</span>;
  return (
    <label class="inline-field">
      <span>{label}</span>
      <select
        value={String(value)}
        onChange={(e) => onChange(Number(e.currentTarget.value))}
        data-testid={testId}
      >
        {options.map((o) => (
          <option key={o.value} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
