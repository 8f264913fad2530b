import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { bomToCsv } from './bom-csv.ts';
import { bomToXlsx, SUMMARY_CELLS } from './bom-xlsx.ts';
import { buildBom } from './build-bom.ts';
import { parseCatalogCsv } from './catalog-csv.ts';
import { decodeText, parseCsv } from './csv.ts';
import { defaultCatalog } from './default-catalog.ts';
import { parseScaledInt } from './money.ts';
import { evaluateFormula } from './testing/evaluate-formula.ts';
import { smallAssemblies, smallCatalog, smallPlan } from './testing/fixtures.ts';

const handBom = buildBom({
  analysis: smallPlan,
  catalog: smallCatalog,
  assemblies: smallAssemblies,
  labourRateCents: 8_750,
});

const bigBom = buildBom({
  items: [
    { type: 'receptacle', quantity: 37, room: 'Cuisine' },
    { type: 'receptacle_gfci', quantity: 5, room: 'Salle de bain' },
    { type: 'switch', quantity: 19 },
    { type: 'luminaire_recessed', quantity: 43, room: 'Salon' },
    { type: 'baseboard_heater', quantity: 9 },
    { type: 'thermostat', quantity: 9 },
    { type: 'ev_charger', quantity: 1, room: 'Garage' },
    { sku: 'BRK-AFCI-1P-15', quantity: 11 },
  ],
  catalog: defaultCatalog,
  labourRateCents: 9_137, // an awkward rate, to exercise rounding
  lang: 'en',
});

describe('bomToCsv', () => {
  it('writes UTF-8 BOM, semicolons and decimal commas for French Excel, and round-trips', () => {
    const csv = bomToCsv(handBom, { separator: ';', lang: 'fr', bom: true });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const decoded = decodeText(new TextEncoder().encode(csv));
    expect(decoded.encoding).toBe('utf-8');
    const parsed = parseCsv(decoded.text, ';');
    if (!parsed.ok) throw new Error('unparseable');
    const [header, ...rest] = parsed.records.map((r) => r.fields);
    expect(header?.slice(0, 3)).toEqual(['Catégorie', 'SKU', 'Description']);
    const lineRows = rest.slice(0, handBom.lines.length);
    handBom.lines.forEach((line, i) => {
      const row = lineRows[i] ?? [];
      expect(row[1]).toBe(line.sku);
      expect(row[2]).toBe(line.description);
      expect(Number(row[9])).toBe(line.orderQuantity);
      expect(parseScaledInt(row[12] ?? '', 2, ',')).toBe(line.unitPriceCents);
      expect(parseScaledInt(row[13] ?? '', 2, ',')).toBe(line.materialsCents);
      expect(parseScaledInt(row[14] ?? '', 4, ',')).toBe(Math.round(line.labourHours * 10_000));
      expect(parseScaledInt(row[16] ?? '', 2, ',')).toBe(line.totalCents);
      expect(row[12]).toMatch(/^\d+,\d{2}$/);
    });
    const totals = Object.fromEntries(rest.slice(handBom.lines.length + 1).map((r) => [r[2], r[16]]));
    expect(totals).toEqual({
      Matériel: '402,79',
      "Main-d'œuvre": '623,88',
      'Sous-total': '1026,67',
      'TPS (5 %)': '51,33',
      'TVQ (9,975 %)': '102,41',
      Total: '1180,41',
    });
  });

  it('uses decimal points with a comma separator and quotes fields that need it', () => {
    const csv = bomToCsv(bigBom, { separator: ',', lang: 'en', bom: false });
    expect(csv.startsWith('\uFEFF')).toBe(false);
    const parsed = parseCsv(csv, ',');
    if (!parsed.ok) throw new Error('unparseable');
    const header = parsed.records[0]?.fields ?? [];
    const rows = parsed.records.slice(1, 1 + bigBom.lines.length);
    expect(rows.every((r) => r.fields.length === header.length)).toBe(true);
    const sum = rows.reduce((acc, r) => acc + (parseScaledInt(r.fields[16] ?? '', 2, '.') ?? Number.NaN), 0);
    expect(sum).toBe(bigBom.subtotalCents);
    expect(csv).toContain('"NMD90 14/2 cable, 75 m roll"');
  });

  it('neutralises text cells that look like formulas', () => {
    const imported = parseCatalogCsv(
      new TextEncoder().encode('sku,description,unit,price\nX,"=HYPERLINK(""http://evil"")",each,1.00\n'),
    );
    if (!imported.ok) throw new Error('import failed');
    const bom = buildBom({
      items: [{ sku: 'X', quantity: 1 }],
      catalog: { ...smallCatalog, items: imported.items },
      labourRateCents: 0,
    });
    expect(bomToCsv(bom, { separator: ',' })).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});

async function loadWorkbook(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** Cached value of a cell: the formula result, or the plain number. */
function cached(cell: ExcelJS.Cell): number {
  const v = cell.value;
  if (typeof v === 'number') return v;
  if (v !== null && typeof v === 'object' && 'formula' in v) {
    if (typeof v.result === 'number') return v.result;
    // exceljs 4.4 writes <v>0</v> for a zero result but its reader drops it: read as 0.
    if (v.result === undefined) return 0;
  }
  throw new Error(`no number in ${cell.address}: ${JSON.stringify(v)}`);
}

function lookupIn(workbook: ExcelJS.Workbook) {
  return (sheet: string, address: string): number | { formula: string } | null => {
    const v = workbook.getWorksheet(sheet)?.getCell(address).value;
    if (typeof v === 'number') return v;
    if (
      v !== null &&
      typeof v === 'object' &&
      v !== undefined &&
      'formula' in v &&
      typeof v.formula === 'string'
    ) {
      return { formula: v.formula };
    }
    return null;
  };
}

const toCents = (dollars: number) => Math.round(dollars * 100);

describe('bomToXlsx', () => {
  for (const [name, bom] of [
    ['hand-computed plan (fr)', handBom],
    ['larger item list (en)', bigBom],
  ] as const) {
    it(`opens with the JSON totals, formulas agreeing to the cent — ${name}`, async () => {
      const workbook = await loadWorkbook(await bomToXlsx(bom, { lang: bom.lang }));
      const summaryName = bom.lang === 'fr' ? 'Sommaire' : 'Summary';
      const linesName = bom.lang === 'fr' ? 'Lignes' : 'Lines';
      expect(workbook.worksheets.map((w) => w.name)).toEqual(
        bom.lang === 'fr' ? ['Sommaire', 'Lignes', 'Par pièce'] : ['Summary', 'Lines', 'By room'],
      );
      const summary = workbook.getWorksheet(summaryName);
      if (summary === undefined) throw new Error('no summary');
      const lookup = lookupIn(workbook);
      const expected = {
        materials: bom.materialsCents,
        labour: bom.labour.totalCents,
        subtotal: bom.subtotalCents,
        tps: bom.taxes.tpsCents,
        tvq: bom.taxes.tvqCents,
        total: bom.totalCents,
      };
      for (const [key, cents] of Object.entries(expected)) {
        const cell = summary.getCell(SUMMARY_CELLS[key as keyof typeof expected]);
        expect(toCents(cached(cell)), `cached ${key}`).toBe(cents);
        const value = cell.value;
        const formula =
          typeof value === 'object' && value !== null && 'formula' in value ? value.formula : undefined;
        if (typeof formula !== 'string') throw new Error(`no formula in ${key}`);
        // What Excel recalculates from the formulas must agree with the JSON to the cent.
        expect(toCents(evaluateFormula(formula, summaryName, lookup)), `formula ${key}`).toBe(cents);
      }
      expect(cached(summary.getCell(SUMMARY_CELLS.labourHours))).toBeCloseTo(bom.labour.hours, 10);

      // Every line's formulas recompute its JSON amounts.
      const lines = workbook.getWorksheet(linesName);
      if (lines === undefined) throw new Error('no lines sheet');
      const bySku = new Map(bom.lines.map((l) => [l.sku, l]));
      let checked = 0;
      lines.eachRow((row, rowNumber) => {
        const line = bySku.get(String(row.getCell(1).value));
        if (line === undefined) return;
        checked++;
        for (const [column, cents] of [
          ['J', line.materialsCents],
          ['L', line.labourCents],
          ['M', line.totalCents],
        ] as const) {
          const cell = lines.getCell(`${column}${rowNumber}`);
          expect(toCents(cached(cell))).toBe(cents);
          const v = cell.value as { formula: string };
          expect(toCents(evaluateFormula(v.formula, linesName, lookup)), `${line.sku} ${column}`).toBe(cents);
        }
      });
      expect(checked).toBe(bom.lines.length);
    });
  }

  it('groups lines by category with a subtotal row each, and a per-room sheet', async () => {
    const workbook = await loadWorkbook(await bomToXlsx(handBom));
    const lines = workbook.getWorksheet('Lignes');
    const labels: string[] = [];
    lines?.eachRow((row) => {
      labels.push(String(row.getCell(1).value ?? ''));
    });
    const categories = new Set(handBom.lines.map((l) => l.category));
    expect(labels.filter((l) => l.startsWith('Sous-total — '))).toHaveLength(categories.size);
    expect(labels).toContain('Câbles');
    expect(labels.at(-1)).toBe('Total général');
    const rooms = workbook.getWorksheet('Par pièce');
    const roomLabels: string[] = [];
    rooms?.eachRow((row) => {
      roomLabels.push(String(row.getCell(1).value ?? ''));
    });
    expect(roomLabels).toEqual(expect.arrayContaining(['Cuisine', 'Salon', 'Sous-total — Cuisine']));
    const summary = workbook.getWorksheet('Sommaire');
    expect(String(summary?.getCell('A15').value)).toContain('Liste de prix du 2026-10');
  });
});
