import { readdirSync, readFileSync } from 'node:fs';
import { type AnalysisPage, PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import { describe, expect, it } from 'vitest';
import { compareAnalyses } from './compare-analyses.ts';
import { applySimilarity, registerPage, type Similarity } from './register-pages.ts';
import { parseSheetNumber, sheetNumberOf } from './sheet-number.ts';

/**
 * Pure tests on analyses: the sample plan's ground truth (scripts/plans, the analysis shape) and
 * copies of it moved by a known similarity, as a re-plot moves what the analysis reads. The same
 * comparison on real PDFs through the analysis is in services/worker-pdf (compare-revisions.test.ts).
 */
const fixtures = new URL('../../../../fixtures/plans/', import.meta.url);

/** A truth file as the analysis it describes (plus the fields only an analysis has). */
function truthAnalysis(file: string, text = ''): PlanAnalysis {
  const truth = JSON.parse(readFileSync(new URL(file, fixtures), 'utf8')) as {
    pages: { symbols: Record<string, unknown>[] }[];
  };
  return PlanAnalysis.parse({
    ...truth,
    warnings: [],
    pages: truth.pages.map((p) => ({ ...p, text, symbols: p.symbols.map((s) => ({ ...s, confidence: 1 })) })),
  });
}
const sample = truthAnalysis('sample-plan.truth.json', 'FEUILLE E-101 (1/1)');

/** The analysis of a re-plot by `t` (page-space positions moved, everything else as read). */
function replotted(a: PlanAnalysis, t: Similarity): PlanAnalysis {
  const move = (p: AnalysisPage): AnalysisPage => ({
    ...p,
    symbols: p.symbols.map((s) => {
      const [x, y] = applySimilarity(t, s.x, s.y);
      return { ...s, x, y };
    }),
    rooms: p.rooms.map((r) => {
      if (!r.bbox) return r;
      const [x0, y0] = applySimilarity(t, r.bbox[0], r.bbox[1]);
      const [x1, y1] = applySimilarity(t, r.bbox[2], r.bbox[3]);
      return { ...r, bbox: [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)] };
    }),
  });
  return { ...a, pages: a.pages.map(move) };
}

const deg = (d: number) => (d * Math.PI) / 180;

describe('compareAnalyses', () => {
  it.each([
    { rotationDeg: 1, scale: 1.02, tx: 30, ty: -12 },
    { rotationDeg: -1, scale: 0.995, tx: -18, ty: 25 },
    { rotationDeg: 0.4, scale: 1.005, tx: 4, ty: 4 },
  ])(
    'finds nothing changed in a re-plot rotated $rotationDeg°, scaled $scale',
    ({ rotationDeg, scale, tx, ty }) => {
      const t: Similarity = { scale, rotationRad: deg(rotationDeg), tx, ty };
      const c = compareAnalyses(sample, replotted(sample, t));
      expect(c.symbols).toEqual([]);
      expect(c.rooms).toEqual([]);
      expect(c.circuits).toEqual([]);
      // The registration found is the inverse of the re-plot.
      expect(c.pages[0]?.registration?.scale).toBeCloseTo(1 / scale, 4);
      expect(c.pages[0]?.registration?.rotationDeg).toBeCloseTo(-rotationDeg, 2);
    },
  );

  it('finds nothing changed on any plan of the corpus re-plotted (±1°, 0.5–2 %)', () => {
    const files = readdirSync(fixtures).filter((f) => /^plan-\d+.*\.truth\.json$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(32);
    const changed: string[] = [];
    for (const file of files) {
      const plan = truthAnalysis(file);
      for (const [rotationDeg, scale] of [
        [1, 1.02],
        [-1, 0.995],
      ] as const) {
        const c = compareAnalyses(
          plan,
          replotted(plan, { scale, rotationRad: deg(rotationDeg), tx: 17, ty: -11 }),
        );
        if (c.symbols.length + c.rooms.length + c.circuits.length > 0)
          changed.push(`${file} ${rotationDeg}° ×${scale}`);
      }
    }
    expect(changed).toEqual([]);
  }, 60_000);

  it('gives the exact delta of a revision seen through a rotated re-plot', () => {
    const revised = structuredClone(sample);
    const page = revised.pages[0] as AnalysisPage;
    const receptacle = page.symbols.find((s) => s.type === 'receptacle' && s.room === 'SALON');
    const smoke = page.symbols.findIndex((s) => s.type === 'smoke_detector');
    if (!receptacle || smoke < 0) throw new Error('sample has a SALON receptacle and a smoke detector');
    const removedSmoke = page.symbols.splice(smoke, 1)[0];
    receptacle.x += 50; // moved 50 pt along the wall
    page.symbols.push({ ...receptacle, x: receptacle.x + 200, y: receptacle.y }); // one more
    const circuit = page.panels[0]?.circuits.find((c) => c.amps === 15);
    if (!circuit) throw new Error('sample has a 15 A circuit');
    circuit.amps = 20;
    const room = page.rooms.find((r) => r.name === 'CHAMBRE 2');
    if (room) room.name = 'BUREAU';
    const c = compareAnalyses(
      sample,
      replotted(revised, { scale: 1.01, rotationRad: deg(0.7), tx: 12, ty: 9 }),
    );
    expect(c.delta.byType).toEqual({
      receptacle: { added: 1, removed: 0, moved: 1 },
      smoke_detector: { added: 0, removed: 1, moved: 0 },
    });
    expect(c.symbols.find((s) => s.change === 'moved')?.distancePt).toBeCloseTo(50, 1);
    expect(c.symbols.find((s) => s.change === 'removed')).toMatchObject({
      type: 'smoke_detector',
      x: removedSmoke?.x,
      y: removedSmoke?.y,
    });
    expect(c.circuits).toEqual([
      {
        panel: sample.pages[0]?.panels[0]?.name,
        number: circuit.number,
        change: 'modified',
        before: expect.objectContaining({ amps: 15 }),
        after: expect.objectContaining({ amps: 20 }),
        fields: ['amps'],
      },
    ]);
    expect(c.rooms).toEqual([{ change: 'renamed', sheet: 'E-101', before: 'CHAMBRE 2', after: 'BUREAU' }]);
  });

  it('pairs sheets by number whatever their order, and by order when none is printed', () => {
    const page = sample.pages[0] as AnalysisPage;
    const sheet = (n: number, text: string) => ({ ...page, number: n, text });
    const base = { ...sample, pages: [sheet(1, 'FEUILLE E-101'), sheet(2, 'FEUILLE E-102')] };
    const swapped = { ...sample, pages: [sheet(1, 'FEUILLE E-102'), sheet(2, 'FEUILLE E-101')] };
    expect(compareAnalyses(base, swapped).pages.map((p) => [p.sheet, p.basePage, p.revisedPage])).toEqual([
      ['E-102', 2, 1],
      ['E-101', 1, 2],
    ]);
    const unnumbered = { ...sample, pages: [sheet(1, ''), sheet(2, ''), sheet(3, '')] };
    const c = compareAnalyses({ ...sample, pages: [sheet(1, ''), sheet(2, '')] }, unnumbered);
    expect(c.pages.map((p) => [p.pairedBy, p.change])).toEqual([
      ['order', 'unchanged'],
      ['order', 'unchanged'],
      ['none', 'added'],
    ]);
    expect(c.delta.byType.receptacle?.added).toBe(page.symbols.filter((s) => s.type === 'receptacle').length);
  });
});

describe('registerPage', () => {
  it('falls back to the page boxes when too few anchors agree', () => {
    const r = registerPage(
      { anchors: [{ label: 'panel', x: 10, y: 10 }], widthPt: 1224, heightPt: 792 },
      { anchors: [], widthPt: 1224, heightPt: 792 },
    );
    expect(r.registration.method).toBe('page-size');
  });
});

describe('sheetNumberOf', () => {
  it.each([
    ['FEUILLE\nE-101  (1/3)', 'E-101'],
    ['SHEET: E102', 'E-102'],
    ['A-12 A-25 PLAN E-201 ÉCHELLE 1:50', 'E-201'],
    ['A-12 A-25', null],
    ['E-101 E-102 (index)', null],
    // A package prefix is part of the number, not the number itself.
    ['SHEET NUMBER\nP2-T4.00', 'P2-T-4.00'],
    ['DESSIN NO : ÉL-200', 'EL-200'],
    ['SHEET: 100-TYP-005', '100-TYP-005'],
    ['SHEET E201A', 'E-201A'],
    // No field name before it: the only drawing number of the page.
    ['ENLARGED IDF PLANS\nP2-T4.00\nA-12', 'P2-T-4.00'],
    ['LIGHTING PLAN E1.01 A-3', 'E-1.01'],
    ['SEE E1.02 AND E1.03', null],
    ['E201A LP1-3,5', 'E-201A'],
  ])('%j → %s', (text, expected) => {
    expect(sheetNumberOf(text)).toBe(expected);
  });
});

describe('parseSheetNumber', () => {
  it.each([
    ['E1.01', null, 'E', 'E1.01'],
    ['P2-T4.00', 'P2', 'T', 'P2-T4.00'],
    ['FA-101', null, 'FA', 'FA-101'],
    ['100-TYP-005', '100', 'TYP', '100-TYP-005'],
    ['ÉL-200', null, 'EL', 'EL-200'],
  ])('%s → prefix %s, designator %s', (text, prefix, designator, printed) => {
    expect(parseSheetNumber(text)).toMatchObject({ prefix, designator, printed });
  });
});
