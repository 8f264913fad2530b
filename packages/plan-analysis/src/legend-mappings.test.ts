import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import { normalizeLegendLabel } from './legend-mappings.ts';
import { PageBuilder, place } from './testing/page-builder.ts';
import { drawSymbol } from './testing/sample-sheet.ts';

/** A legend with one wording the vocabulary knows and one it does not, and two of each symbol drawn. */
function sheetWithUnknownWording() {
  const b = new PageBuilder(792, 612);
  b.text('LÉGENDE', 600, 570, 10);
  drawSymbol.receptacle(b, place(612, 550));
  b.text('Prise de courant duplex', 630, 547, 7);
  drawSymbol.dataOutlet(b, place(612, 530));
  b.text('Appareil spécial type Z9', 630, 527, 7);
  b.rect(50, 50, 400, 300, { lineWidth: 1 });
  b.text('GARAGE', 200, 200, 9);
  drawSymbol.receptacle(b, place(100, 100));
  drawSymbol.receptacle(b, place(300, 120, 90));
  drawSymbol.dataOutlet(b, place(150, 300));
  drawSymbol.dataOutlet(b, place(380, 280, 180));
  return { pageCount: 1, pages: [b.build()], warnings: [] };
}

describe('legend mappings', () => {
  it('compares wording without case, accents, spacing or a trailing colon', () => {
    expect(normalizeLegendLabel('  Appareil SPÉCIAL  type Z9 :')).toBe('appareil special type z9');
    expect(normalizeLegendLabel('Évent')).toBe(normalizeLegendLabel('event.'));
  });

  it('lists a legend entry the vocabulary cannot type, with its text, page and symbol box', () => {
    const analysis = analyzePlan(sheetWithUnknownWording());
    expect(analysis.unresolvedLegendEntries).toHaveLength(1);
    const entry = analysis.unresolvedLegendEntries?.[0];
    expect(entry?.label).toBe('Appareil spécial type Z9');
    expect(entry?.page).toBe(1);
    // The data-outlet drawing at (612, 530) spans x -4..7 and y -3..4 around its placement.
    const [x0, y0, x1, y1] = entry?.bbox ?? [0, 0, 0, 0];
    expect(x0).toBeCloseTo(608, 0);
    expect(x1).toBeCloseTo(619, 0);
    expect(y0).toBeCloseTo(527, 0);
    expect(y1).toBeCloseTo(534, 0);
    expect(analysis.counts.byType).toEqual({ receptacle: 2, other: 2 });
  });

  it("counts the entry as the organisation's mapped type, before the built-in vocabulary", () => {
    const analysis = analyzePlan(sheetWithUnknownWording(), {
      legendMappings: [
        { label: 'APPAREIL SPECIAL TYPE Z9', type: 'ev_charger' },
        // A mapping overrides what the vocabulary would have said.
        { label: 'prise de courant duplex:', type: 'receptacle_gfci' },
      ],
    });
    expect(analysis.unresolvedLegendEntries).toEqual([]);
    expect(analysis.counts.byType).toEqual({ receptacle_gfci: 2, ev_charger: 2 });
    expect(analysis.pages[0]?.legend.map((e) => e.type)).toEqual(['receptacle_gfci', 'ev_charger']);
  });
});
