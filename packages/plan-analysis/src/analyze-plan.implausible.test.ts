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
