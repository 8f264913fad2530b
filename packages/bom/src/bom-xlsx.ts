import ExcelJS from 'exceljs';
import type { BomLine, BomResult } from './bom-result.ts';
import { categoryLabel } from './catalog.ts';
import { deviceTypeLabel, exportLabels as L, unitLabel } from './export-labels.ts';
import type { Lang } from './localized-text.ts';
import { TAX_RATE_DENOMINATOR, TPS_RATE, TVQ_RATE } from './money.ts';

export interface BomXlsxOptions {
  lang?: Lang;
  /** Document creation date (pure code reads no clock); default 1980-01-01 for reproducible files. */
  createdAt?: Date;
}

/** Fixed cells of the summary sheet (column B), referenced by the other sheets' formulas. */
export const SUMMARY_CELLS = {
  materials: 'B3',
  labourHours: 'B4',
  rate: 'B5',
  labour: 'B6',
  subtotal: 'B7',
  tps: 'B8',
  tvq: 'B9',
  total: 'B10',
} as const;

const MONEY_FORMAT: Record<Lang, string> = { fr: '#,##0.00\\ "$"', en: '"$"#,##0.00' };
const HOURS_FORMAT = '0.00##';

/** Cents as the exact dollar number written in a cell. */
const dollars = (cents: number) => cents / 100;

function sheetRef(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

/**
 * The BOM as an Excel workbook (exceljs, in memory):
 * - summary sheet: materials, labour hours, hourly rate, labour, subtotal, TPS, TVQ, total, price
 *   list and assumptions;
 * - lines sheet grouped by category, with a subtotal row per category and a grand total;
 * - per-room sheet (installed quantities, allocated amounts).
 * Every computed cell holds a formula AND its cached result; formulas use ROUND(…, 2) exactly
 * where the JSON rounds (materials and labour per line, each tax), so Excel's recalculation and
 * the cached values agree to the cent with the JSON.
 */
export async function bomToXlsx(bom: BomResult, options: BomXlsxOptions = {}): Promise<Buffer> {
  const lang = options.lang ?? bom.lang;
  const workbook = new ExcelJS.Workbook();
  const created = options.createdAt ?? new Date(Date.UTC(1980, 0, 1));
  workbook.creator = 'SAEQ';
  workbook.created = created;
  workbook.modified = created;
  // Cached results agree with the formulas; recalculating on open keeps them honest after edits.
  workbook.calcProperties.fullCalcOnLoad = true;
  const summaryName = L.summarySheet[lang];
  const linesName = L.linesSheet[lang];
  const summary = workbook.addWorksheet(summaryName);
  const linesSheet = workbook.addWorksheet(linesName);
  const roomsSheet = workbook.addWorksheet(L.roomsSheet[lang]);
  const money = MONEY_FORMAT[lang];
  const rateRef = sheetRef(summaryName, '$B$5');

  // ── Lines, grouped by category (lines arrive sorted by category) ──────────────────────────
  linesSheet.columns = [
    { header: L.sku[lang], width: 18 },
    { header: L.description[lang], width: 55 },
    { header: L.room[lang], width: 16 },
    { header: L.source[lang], width: 10 },
    { header: L.quantity[lang], width: 11 },
    { header: L.quantityUnit[lang], width: 10 },
    { header: L.orderQuantity[lang], width: 11 },
    { header: L.unit[lang], width: 10 },
    { header: L.unitPrice[lang], width: 13, style: { numFmt: money } },
    { header: L.materials[lang], width: 14, style: { numFmt: money } },
    { header: L.labourHours[lang], width: 11, style: { numFmt: HOURS_FORMAT } },
    { header: L.labour[lang], width: 14, style: { numFmt: money } },
    { header: L.total[lang], width: 14, style: { numFmt: money } },
  ];
  linesSheet.getRow(1).font = { bold: true };
  linesSheet.views = [{ state: 'frozen', ySplit: 1 }];

  const groups: Array<{ category: string; lines: BomLine[] }> = [];
  for (const line of bom.lines) {
    const last = groups.at(-1);
    if (last !== undefined && last.category === line.category) last.lines.push(line);
    else groups.push({ category: line.category, lines: [line] });
  }
  const subtotalRows: number[] = [];
  for (const group of groups) {
    linesSheet.addRow([categoryLabel(group.category, lang)]).font = { bold: true };
    const first = linesSheet.rowCount + 1;
    for (const line of group.lines) {
      const r = linesSheet.rowCount + 1;
      linesSheet.addRow([
        line.sku,
        line.description,
        line.room ?? '',
        line.source,
        line.quantity,
        unitLabel(line.quantityUnit, lang),
        line.orderQuantity,
        unitLabel(line.unit, lang),
        dollars(line.unitPriceCents),
        { formula: `ROUND(G${r}*I${r},2)`, result: dollars(line.materialsCents) },
        line.labourHours,
        { formula: `ROUND(K${r}*${rateRef},2)`, result: dollars(line.labourCents) },
        { formula: `J${r}+L${r}`, result: dollars(line.totalCents) },
      ]);
    }
    const last = linesSheet.rowCount;
    const sum = (pick: (l: BomLine) => number) => group.lines.reduce((acc, l) => acc + pick(l), 0);
    const hoursE4 = sum((l) => Math.round(l.labourHours * 10_000));
    const row = linesSheet.addRow([
      `${L.subtotal[lang]} — ${categoryLabel(group.category, lang)}`,
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      { formula: `SUM(J${first}:J${last})`, result: dollars(sum((l) => l.materialsCents)) },
      { formula: `SUM(K${first}:K${last})`, result: hoursE4 / 10_000 },
      { formula: `SUM(L${first}:L${last})`, result: dollars(sum((l) => l.labourCents)) },
      { formula: `SUM(M${first}:M${last})`, result: dollars(sum((l) => l.totalCents)) },
    ]);
    row.font = { bold: true };
    subtotalRows.push(row.number);
  }
  linesSheet.addRow([]);
  const grandOf = (column: string, result: number) =>
    subtotalRows.length === 0
      ? result
      : { formula: subtotalRows.map((r) => `${column}${r}`).join('+'), result };
  const grand = linesSheet.addRow([
    L.grandTotal[lang],
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    grandOf('J', dollars(bom.materialsCents)),
    grandOf('K', bom.labour.hours),
    grandOf('L', dollars(bom.labour.totalCents)),
    grandOf('M', dollars(bom.subtotalCents)),
  ]);
  grand.font = { bold: true };
  const grandRow = grand.number;

  // ── Summary ─────────────────────────────────────────────────────────────────────────────
  summary.columns = [{ width: 34 }, { width: 18 }];
  summary.getCell('A1').value = L.title[lang];
  summary.getCell('A1').font = { bold: true, size: 14 };
  const put = (cell: string, label: string, value: ExcelJS.CellValue, format: string) => {
    summary.getCell(`A${cell.slice(1)}`).value = label;
    const target = summary.getCell(cell);
    target.value = value;
    target.numFmt = format;
  };
  const C = SUMMARY_CELLS;
  const tpsRate = TPS_RATE / TAX_RATE_DENOMINATOR;
  const tvqRate = TVQ_RATE / TAX_RATE_DENOMINATOR;
  put(
    C.materials,
    L.materials[lang],
    { formula: sheetRef(linesName, `J${grandRow}`), result: bom.materials },
    money,
  );
  put(
    C.labourHours,
    L.labourHours[lang],
    { formula: sheetRef(linesName, `K${grandRow}`), result: bom.labour.hours },
    HOURS_FORMAT,
  );
  put(C.rate, L.rate[lang], dollars(bom.labour.rateCents), money);
  put(
    C.labour,
    L.labour[lang],
    { formula: sheetRef(linesName, `L${grandRow}`), result: bom.labour.total },
    money,
  );
  put(C.subtotal, L.subtotal[lang], { formula: `${C.materials}+${C.labour}`, result: bom.subtotal }, money);
  put(C.tps, L.tps[lang], { formula: `ROUND(${C.subtotal}*${tpsRate},2)`, result: bom.taxes.tps }, money);
  put(C.tvq, L.tvq[lang], { formula: `ROUND(${C.subtotal}*${tvqRate},2)`, result: bom.taxes.tvq }, money);
  put(C.total, L.total[lang], { formula: `${C.subtotal}+${C.tps}+${C.tvq}`, result: bom.total }, money);
  summary.getCell('A10').font = { bold: true };
  summary.getCell('B10').font = { bold: true };
  summary.getCell('A12').value = L.priceList[lang];
  summary.getCell('B12').value = `${bom.priceList.priceDate} — ${bom.priceList.source}`;
  summary.getCell('A14').value = L.assumptions[lang];
  summary.getCell('A14').font = { bold: true };
  bom.assumptions.forEach((text, i) => {
    summary.getCell(`A${15 + i}`).value = text;
  });

  // ── Per room ────────────────────────────────────────────────────────────────────────────
  roomsSheet.columns = [
    { header: L.sku[lang], width: 18 },
    { header: L.description[lang], width: 55 },
    { header: L.installedQuantity[lang], width: 12 },
    { header: L.quantityUnit[lang], width: 10 },
    { header: L.labourHours[lang], width: 11, style: { numFmt: HOURS_FORMAT } },
    { header: L.materials[lang], width: 14, style: { numFmt: money } },
    { header: L.labour[lang], width: 14, style: { numFmt: money } },
    { header: L.total[lang], width: 14, style: { numFmt: money } },
  ];
  roomsSheet.getRow(1).font = { bold: true };
  roomsSheet.addRow([L.roomNote[lang]]).font = { italic: true };
  for (const [room, summaryOfRoom] of Object.entries(bom.byRoom)) {
    roomsSheet.addRow([]);
    roomsSheet.addRow([room]).font = { bold: true };
    const devices = Object.entries(summaryOfRoom.devices)
      .map(([type, count]) => `${deviceTypeLabel(type, lang)} ${count}`)
      .join(', ');
    if (devices !== '') roomsSheet.addRow([L.devices[lang], devices]);
    if (summaryOfRoom.lines.length === 0) continue;
    const first = roomsSheet.rowCount + 1;
    for (const line of summaryOfRoom.lines) {
      const r = roomsSheet.rowCount + 1;
      roomsSheet.addRow([
        line.sku,
        line.description,
        line.quantity,
        unitLabel(line.quantityUnit, lang),
        line.labourHours,
        dollars(line.materialsCents),
        dollars(line.labourCents),
        { formula: `F${r}+G${r}`, result: dollars(line.materialsCents + line.labourCents) },
      ]);
    }
    const last = roomsSheet.rowCount;
    roomsSheet.addRow([
      `${L.subtotal[lang]} — ${room}`,
      '',
      '',
      '',
      { formula: `SUM(E${first}:E${last})`, result: summaryOfRoom.labourHours },
      { formula: `SUM(F${first}:F${last})`, result: summaryOfRoom.materials },
      { formula: `SUM(G${first}:G${last})`, result: summaryOfRoom.labour },
      {
        formula: `SUM(H${first}:H${last})`,
        result: dollars(summaryOfRoom.materialsCents + summaryOfRoom.labourCents),
      },
    ]).font = { bold: true };
  }

  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data);
}
