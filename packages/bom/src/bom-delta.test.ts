import { readFileSync } from 'node:fs';
import { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { bomDelta } from './bom-delta.ts';
import { buildBom } from './build-bom.ts';
import { changeOrderToPdf, changeOrderToXlsx } from './change-order.ts';
import { defaultCatalog } from './default-catalog.ts';

/**
 * The sample plan's ground truth (scripts/plans) follows the analysis shape: a plan analysis read
 * perfectly, once given the fields only an analysis has (confidence, warnings).
 */
const truth = JSON.parse(
  readFileSync(new URL('../../../fixtures/plans/sample-plan.truth.json', import.meta.url), 'utf8'),
) as { pages: { symbols: Record<string, unknown>[] }[] };
const sample = PlanAnalysis.parse({
  ...truth,
  warnings: [],
  pages: truth.pages.map((p) => ({
    ...p,
    text: '',
    symbols: p.symbols.map((s) => ({ ...s, confidence: 1 })),
  })),
});
const RATE = 9_550; // 95.50 $/h

/** The sample plan revised: three receptacles more in the SALON, two luminaires fewer (supplied by others in the default assemblies: no line), circuit 1 at 20 A. */
function revision(): PlanAnalysis {
  const revised = structuredClone(sample);
  const page = revised.pages[0];
  if (!page) throw new Error('sample has a page');
  const receptacle = page.symbols.find((s) => s.type === 'receptacle');
  if (!receptacle) throw new Error('sample has receptacles');
  for (let i = 0; i < 3; i++) page.symbols.push({ ...receptacle, x: 100 + 40 * i, y: 100, room: 'SALON' });
  for (let i = 0; i < 2; i++)
    page.symbols.splice(
      page.symbols.findIndex((s) => s.type === 'luminaire'),
      1,
    );
  const circuit = page.panels[0]?.circuits[0];
  if (circuit) circuit.amps = 20;
  revised.counts.byType.receptacle = (revised.counts.byType.receptacle ?? 0) + 3;
  revised.counts.byType.luminaire = (revised.counts.byType.luminaire ?? 0) - 2;
  return revised;
}

const bomOf = (analysis: PlanAnalysis) =>
  buildBom({ analysis, catalog: defaultCatalog, labourRateCents: RATE, lang: 'fr' });

describe('bomDelta', () => {
  it('is zero between a BOM and itself', () => {
    const d = bomDelta(bomOf(sample), bomOf(sample));
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect([d.subtotalDelta, d.tpsDelta, d.tvqDelta, d.totalDelta]).toEqual([0, 0, 0, 0]);
  });

  it('equals BOM(revised) − BOM(base) to the cent, line by line and in total', () => {
    const base = bomOf(sample);
    const revised = bomOf(revision());
    const d = bomDelta(base, revised);
    expect(d.subtotalDelta).toBe(revised.subtotalCents - base.subtotalCents);
    expect(d.tpsDelta).toBe(revised.taxes.tpsCents - base.taxes.tpsCents);
    expect(d.tvqDelta).toBe(revised.taxes.tvqCents - base.taxes.tvqCents);
    expect(d.totalDelta).toBe(revised.totalCents - base.totalCents);
    expect(d.totalDelta).toBe(d.subtotalDelta + d.tpsDelta + d.tvqDelta);
    // The lines account for the whole subtotal change, materials and labour apart.
    const lines = [...d.added, ...d.removed];
    expect(lines.reduce((a, l) => a + l.totalCentsDelta, 0)).toBe(d.subtotalDelta);
    expect(lines.reduce((a, l) => a + l.materialsCentsDelta, 0)).toBe(d.materialsDelta);
    expect(lines.reduce((a, l) => a + l.labourCentsDelta, 0)).toBe(d.labourDelta);
    // Each line is the difference of the two BOMs' lines of its SKU.
    for (const l of lines) {
      const b = base.lines.find((x) => x.sku === l.sku);
      const r = revised.lines.find((x) => x.sku === l.sku);
      expect(l.totalCentsDelta).toBe((r?.totalCents ?? 0) - (b?.totalCents ?? 0));
      expect(l.orderQuantityDelta).toBe((r?.orderQuantity ?? 0) - (b?.orderQuantity ?? 0));
    }
    // Three receptacles more, two luminaires fewer: the receptacle assembly's lines went up, the luminaire's down.
    expect(d.added.length).toBeGreaterThan(0);
    expect(d.added.map((l) => l.sku)).toContain('REC-TR-15');
    expect(d.removed.every((l) => l.totalCentsDelta <= 0)).toBe(true);
    // Backwards, the same lines are removals of the same amounts.
    const back = bomDelta(revised, base);
    expect(back.totalDelta).toBe(-d.totalDelta);
    expect(
      back.removed
        .filter((l) => l.totalCentsDelta !== 0)
        .map((l) => [l.sku, -l.totalCentsDelta])
        .sort(),
    ).toEqual(
      d.added
        .filter((l) => l.totalCentsDelta !== 0)
        .map((l) => [l.sku, l.totalCentsDelta])
        .sort(),
    );
  });

  it('renders the change order as a workbook and a PDF whose totals are the delta', async () => {
    const d = bomDelta(bomOf(sample), bomOf(revision()));
    const createdAt = new Date('2026-12-01T00:00:00Z');
    const xlsx = await changeOrderToXlsx({ delta: d, title: 'Rév. 1 → Rév. 2', lang: 'fr', createdAt });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Avenant');
    const cells: [string, unknown][] = [];
    sheet?.eachRow((row) => {
      cells.push([String(row.getCell(2).value ?? ''), row.getCell(7).value]);
    });
    expect(cells).toContainEqual(['Total de l’avenant', d.totalDelta / 100]);
    expect(cells).toContainEqual(['TPS 5 %', d.tpsDelta / 100]);
    expect(cells).toContainEqual(['TVQ 9,975 %', d.tvqDelta / 100]);
    const pdf = await changeOrderToPdf({ delta: d, title: 'Rev. 1 → Rev. 2', lang: 'en', createdAt });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getTitle()).toBe('Change order — Rev. 1 → Rev. 2');
  });
});
