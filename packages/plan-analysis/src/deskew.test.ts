import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import { deskewPage, detectSkew } from './deskew.ts';
import { applyToPoint, transformPage } from './page-transform.ts';
import type { ExtractedPage, Matrix } from './primitives.ts';
import { PageBuilder } from './testing/page-builder.ts';
import { buildSampleSheet } from './testing/sample-sheet.ts';

/** The page turned by `deg` counter-clockwise about its centre (a re-plot askew), same page box. */
function turned(page: ExtractedPage, deg: number): { page: ExtractedPage; m: Matrix } {
  const r = (deg * Math.PI) / 180;
  const [cx, cy] = [page.widthPt / 2, page.heightPt / 2];
  const [c, s] = [Math.cos(r), Math.sin(r)];
  const m: Matrix = [c, s, -s, c, cx - c * cx + s * cy, cy - s * cx - c * cy];
  // transformPage turns by −angle: −deg turns the content by +deg.
  return { page: transformPage(page, m, -deg, page.widthPt, page.heightPt), m };
}

const analyse = (page: ExtractedPage) => analyzePlan({ pageCount: 1, pages: [page], warnings: [] });
const square = buildSampleSheet().builder.build();
const squareAnalysis = analyse(square);

describe('detectSkew', () => {
  it('is 0 on a square sheet', () => {
    expect(detectSkew(square)).toBe(0);
  });

  it.each([0.1, 0.125, -0.174, -0.5, 1, 2.5, -4])('finds a sheet turned by %s°', (deg) => {
    expect(detectSkew(turned(square, deg).page)).toBeCloseTo(deg, 6);
  });

  it('finds the skew of a sideways sheet (a quarter turn plus 0.7°)', () => {
    const b = new PageBuilder(612, 792);
    b.rect(40, 40, 532, 712, { lineWidth: 1 });
    b.text('CUISINE', 300, 100, 9, 90);
    b.text('SALON', 300, 400, 9, 90);
    expect(detectSkew(turned(b.build(), 0.7).page)).toBeCloseTo(0.7, 6);
  });

  it('leaves alone a square sheet with a wing drawn at 3° (the labels stay square)', () => {
    const b = new PageBuilder();
    b.rect(20, 20, 752, 572, { lineWidth: 1 });
    b.text('PLAN DU REZ-DE-CHAUSSÉE', 40, 40, 10);
    // The wing: more wall length at 3° than the sheet border has at 0°.
    const r = (3 * Math.PI) / 180;
    for (let i = 0; i < 12; i++) {
      const y = 60 + i * 40;
      b.line(60, y, 60 + 600 * Math.cos(r), y + 600 * Math.sin(r));
    }
    expect(detectSkew(b.build())).toBe(0);
  });

  it('leaves alone a square sheet with a few long lines drawn a tenth of a degree off square', () => {
    const b = new PageBuilder();
    b.rect(20, 20, 752, 572, { lineWidth: 1 });
    b.text('PLAN DU REZ-DE-CHAUSSÉE', 40, 40, 10);
    const r = (0.1 * Math.PI) / 180;
    for (const y of [100, 200]) b.line(60, y, 60 + 500 * Math.cos(r), y + 500 * Math.sin(r));
    expect(detectSkew(b.build())).toBe(0);
  });

  it('goes by the lines alone when the text is outlines, and ignores turns beyond 5°', () => {
    const b = new PageBuilder();
    b.rect(20, 20, 752, 572, { lineWidth: 1 });
    b.line(250, 50, 250, 300);
    const page = b.build();
    expect(detectSkew(turned(page, -1.2).page)).toBeCloseTo(-1.2, 6);
    expect(detectSkew(turned(page, 8).page)).toBe(0);
    expect(detectSkew(turned(page, 0.01).page)).toBe(0);
  });
});

describe('deskewPage', () => {
  it('returns a square page as it was (no copy)', () => {
    const d = deskewPage(square);
    expect(d.page).toBe(square);
    expect(d.skewDeg).toBe(0);
  });

  it('turns the sheet square inside a page box grown to hold it, and maps back', () => {
    const { page, m } = turned(square, 1);
    const d = deskewPage(page);
    expect(d.skewDeg).toBeCloseTo(1, 6);
    // 792 × 612 turned by 1°: 792·cos 1° + 612·sin 1° wide.
    expect(d.page.widthPt).toBeCloseTo(792 * Math.cos(Math.PI / 180) + 612 * Math.sin(Math.PI / 180), 6);
    const legend = d.page.textItems.find((t) => t.str === 'LÉGENDE');
    expect(legend?.angle).toBe(0);
    // Back in page space, the heading sits where the turned sheet has it.
    const [x, y] = applyToPoint(d.toPage, legend?.x ?? 0, legend?.y ?? 0);
    const [ex, ey] = applyToPoint(m, 600, 570);
    expect(x).toBeCloseTo(ex, 6);
    expect(y).toBeCloseTo(ey, 6);
  });
});

describe('analyzePlan on a skewed sheet', () => {
  it('reads a sheet turned by θ ∈ [−3°, 3°] as the square one, positions in page space', () => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), (deg) => {
        const { page, m } = turned(square, deg);
        const a = analyse(page);
        expect(a.counts).toEqual(squareAnalysis.counts);
        expect(a.warnings).toEqual(squareAnalysis.warnings);
        expect(a.pages[0]?.rooms.map((r) => r.name)).toEqual(
          squareAnalysis.pages[0]?.rooms.map((r) => r.name),
        );
        expect(a.pages[0]?.scale).toEqual(squareAnalysis.pages[0]?.scale);
        // Every symbol is found where the turned sheet has it, with the same type and room.
        const want = (squareAnalysis.pages[0]?.symbols ?? []).map((s) => {
          const [x, y] = applyToPoint(m, s.x, s.y);
          return { type: s.type, room: s.room, circuit: s.circuit, x, y };
        });
        for (const s of a.pages[0]?.symbols ?? []) {
          const near = want.filter((w) => Math.hypot(w.x - s.x, w.y - s.y) < 0.05);
          expect(near.map((w) => [w.type, w.room, w.circuit])).toEqual([[s.type, s.room, s.circuit]]);
        }
      }),
      { numRuns: 12, seed: 21 },
    );
  });
});
