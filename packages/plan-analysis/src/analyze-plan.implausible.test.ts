import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import type { ExtractedDocument } from './primitives.ts';
import { PageBuilder, place } from './testing/page-builder.ts';
import { drawSymbol } from './testing/sample-sheet.ts';

/**
 * Issue 16, false-symbol floods: a generic legend symbol (here a small ring, the shape of a
 * hatching dot or of an "O" drawn as strokes) that the drawing repeats hundreds of times is not
 * counted as hundreds of devices; the sheet says which entry was set aside and why.
 */
function sheetWithRings(rings: number): ExtractedDocument {
  const b = new PageBuilder(1224, 792);
  b.text('LEGEND', 1000, 740, 10);
  drawSymbol.receptacle(b, place(1012, 720));
  b.text('DUPLEX RECEPTACLE', 1040, 717, 7);
  b.circle(1012, 700, 1.5);
  b.text('SPECIAL DEVICE', 1040, 697, 7);
  b.rect(50, 50, 900, 650, { lineWidth: 1 });
  drawSymbol.receptacle(b, place(100, 100));
  drawSymbol.receptacle(b, place(300, 100, 90));
  drawSymbol.receptacle(b, place(500, 400, 180));
  // A band of ring hatching (an insulated wall, a gravel fill), 12 pt apart.
  for (let i = 0; i < rings; i++) b.circle(80 + 12 * (i % 60), 600 - 12 * Math.floor(i / 60), 1.5);
  return { pageCount: 1, pages: [b.build()], warnings: [] };
}

describe('implausibly many matches of one legend symbol', () => {
  it('sets aside a generic symbol matched far more often than every device of the sheet', () => {
    const analysis = analyzePlan(sheetWithRings(240), { locale: 'en' });
    expect(analysis.counts.byType).toEqual({ receptacle: 3 });
    const warning = analysis.warnings.find((w) => w.code === 'legend_symbol_implausible');
    expect(warning?.message).toMatch(/"SPECIAL DEVICE" was found 24\d times, which is implausible/);
    // Set aside, not "absent from the drawing".
    expect(analysis.warnings.map((w) => w.code)).not.toContain('legend_symbol_not_found');
  });

  it('says so in Québec French by default', () => {
    const analysis = analyzePlan(sheetWithRings(240));
    const warning = analysis.warnings.find((w) => w.code === 'legend_symbol_implausible');
    expect(warning?.message).toMatch(/« SPECIAL DEVICE » .* trouvé 24\d fois, ce qui est invraisemblable/);
  });

  it('counts a few occurrences of the same symbol as devices', () => {
    const analysis = analyzePlan(sheetWithRings(4), { locale: 'en' });
    expect(analysis.counts.byType).toEqual({ receptacle: 3, other: 4 });
    expect(analysis.warnings.map((w) => w.code)).not.toContain('legend_symbol_implausible');
  });
});

describe('one-line diagrams', () => {
  /** An isolator: a box with a diagonal, 8 pt. */
  function isolator(b: PageBuilder, x: number, y: number): void {
    b.rect(x - 4, y - 4, 8, 8);
    b.line(x - 3, y - 3, x + 3, y + 3);
  }

  it('counts no breaker wired through on a distribution board diagram, and the isolator of the plan', () => {
    const b = new PageBuilder();
    b.text('LEGEND', 600, 570, 10);
    isolator(b, 612, 550);
    b.text('Geyser isolator', 640, 547, 7);
    drawSymbol.receptacle(b, place(612, 530));
    b.text('Double plug socket outlet', 640, 527, 7);
    // Floor plan: walls, one isolator, two receptacles.
    b.rect(50, 50, 300, 200, { lineWidth: 1 });
    isolator(b, 120, 120);
    drawSymbol.receptacle(b, place(200, 100));
    drawSymbol.receptacle(b, place(250, 100));
    // Distribution board: busbar, four ways each wired busbar → isolator box → circuit row.
    b.line(400, 300, 400, 420, undefined, 2);
    for (const y of [310, 340, 370, 400]) {
      b.line(400, y, 430, y);
      isolator(b, 434, y);
      b.line(438, y, 520, y);
    }
    const analysis = analyzePlan({ pageCount: 1, pages: [b.build()], warnings: [] });
    expect(analysis.counts.byType).toEqual({ other: 1, receptacle: 2 });
  });
});
