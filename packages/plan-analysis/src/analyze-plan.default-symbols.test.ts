import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import type { ExtractedDocument } from './primitives.ts';
import { PageBuilder } from './testing/page-builder.ts';

/**
 * Issue 16: a sheet with no legend anywhere in its set still has its junction boxes drawn as a
 * circle with "J" (a convention that needs no legend); they are counted with a warning saying
 * the built-in symbols were used. Grid bubbles (large circles with letters) are not boxes.
 */
function sheetWithoutLegend(boxes: readonly [number, number, number][]): ExtractedDocument {
  const b = new PageBuilder(1224, 792);
  b.rect(50, 50, 900, 650, { lineWidth: 1 });
  b.line(200, 50, 200, 700);
  for (const [x, y, r] of boxes) {
    b.circle(x, y, r);
    b.textCentered('J', x, y - 0.35 * 1.4 * r, 1.4 * r);
  }
  // Grid bubbles: A…J in 24 pt circles above the plan.
  for (let i = 0; i < 10; i++) {
    b.circle(100 + 80 * i, 740, 12);
    b.textCentered(String.fromCharCode(65 + i), 100 + 80 * i, 736, 10);
  }
  b.text('OFFICE 104', 400, 400, 9);
  return { pageCount: 1, pages: [b.build()], warnings: [] };
}

describe('built-in symbols on a sheet without a legend', () => {
  it('counts the junction boxes drawn as J in a circle and says the built-in symbols were used', () => {
    const analysis = analyzePlan(
      sheetWithoutLegend([
        [300, 300, 5],
        [500, 200, 5],
        [700, 500, 6],
      ]),
      { locale: 'en' },
    );
    expect(analysis.counts.byType).toEqual({ junction_box: 3 });
    const warning = analysis.warnings.find((w) => w.code === 'default_symbols');
    expect(warning?.message).toContain('3 symbols counted from built-in drawing conventions');
    expect(analysis.warnings.map((w) => w.code)).not.toContain('legend_unreadable');
  });

  it('still says the legend is unreadable, in French, when no conventional symbol is drawn', () => {
    const analysis = analyzePlan(sheetWithoutLegend([]));
    expect(analysis.counts.byType).toEqual({});
    expect(analysis.warnings.find((w) => w.code === 'legend_unreadable')?.message).toContain(
      'aucune légende de symboles lisible',
    );
  });
});
