import type { BomResult } from './bom-result.ts';
import { categoryLabel } from './catalog.ts';
import { type CsvSeparator, formatCsv } from './csv.ts';
import { exportLabels, unitLabel } from './export-labels.ts';
import type { Lang } from './localized-text.ts';
import { type Cents, formatCentsPlain, formatScaledInt } from './money.ts';

export interface BomCsvOptions {
  /** `;` for French-locale Excel (implies a decimal comma), `,` otherwise. Default `;`. */
  separator?: ',' | ';';
  lang?: Lang;
  /** Prefix a UTF-8 byte order mark so Excel reads accents correctly. Default true. */
  bom?: boolean;
  /** Append the summary rows (materials, labour, subtotal, TPS, TVQ, total). Default true. */
  summary?: boolean;
}

/**
 * The BOM as CSV text that Excel opens correctly in a French-Québec locale: UTF-8 with BOM,
 * `;` separator and decimal comma by default (`,` separator → decimal point), CRLF line ends,
 * no thousands separators, money with exactly two decimals from the exact cents. Text cells that
 * look like formulas are prefixed with `'` (CSV injection). The caller encodes the string as UTF-8.
 */
export function bomToCsv(bom: BomResult, options: BomCsvOptions = {}): string {
  const separator: CsvSeparator = options.separator ?? ';';
  const lang = options.lang ?? bom.lang;
  const mark = separator === ';' ? ',' : '.';
  const money = (cents: Cents) => formatCentsPlain(cents, mark);
  const hours = (value: number) => formatScaledInt(Math.round(value * 10_000), 4, mark);
  const pct = (value: number) => formatScaledInt(Math.round(value * 100), 2, mark);
  const L = exportLabels;
  const columns = [
    L.category,
    L.sku,
    L.description,
    L.room,
    L.source,
    L.quantity,
    L.installedQuantity,
    L.quantityUnit,
    L.wastePct,
    L.orderQuantity,
    L.unit,
    L.packageSize,
    L.unitPrice,
    L.materials,
    L.labourHours,
    L.labour,
    L.total,
  ];
  const rows: Array<Array<string | number>> = [columns.map((c) => c[lang])];
  for (const line of bom.lines) {
    rows.push([
      categoryLabel(line.category, lang),
      line.sku,
      line.description,
      line.room ?? '',
      line.source,
      line.quantity,
      line.installedQuantity,
      unitLabel(line.quantityUnit, lang),
      pct(line.wastePct),
      line.orderQuantity,
      unitLabel(line.unit, lang),
      line.packageSize,
      money(line.unitPriceCents),
      money(line.materialsCents),
      hours(line.labourHours),
      money(line.labourCents),
      money(line.totalCents),
    ]);
  }
  if (options.summary ?? true) {
    const summaryRow = (label: string, cents: Cents, labourHours?: number) => {
      const row: Array<string | number> = new Array(columns.length).fill('');
      row[2] = label;
      if (labourHours !== undefined) row[14] = hours(labourHours);
      row[16] = money(cents);
      return row;
    };
    rows.push(
      [],
      summaryRow(L.materials[lang], bom.materialsCents),
      summaryRow(L.labour[lang], bom.labour.totalCents, bom.labour.hours),
      summaryRow(L.subtotal[lang], bom.subtotalCents),
      summaryRow(L.tps[lang], bom.taxes.tpsCents),
      summaryRow(L.tvq[lang], bom.taxes.tvqCents),
      summaryRow(L.total[lang], bom.totalCents),
    );
  }
  const text = formatCsv(rows, separator);
  return (options.bom ?? true) ? `\uFEFF${text}` : text;
}
