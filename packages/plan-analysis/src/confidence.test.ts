import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import { PageBuilder, place } from './testing/page-builder.ts';
import { drawSymbol } from './testing/sample-sheet.ts';

// The review loop highlights low-confidence symbols: confidence must separate a clean match
// from a doubtful one, not be a constant.
describe('symbol confidence', () => {
  it('is 1 for a symbol drawn as in the legend and lower with stray ink inside its box', () => {
    const b = new PageBuilder(792, 612);
    b.text('LÉGENDE', 600, 570, 10);
    drawSymbol.receptacle(b, place(612, 550));
    b.text('Prise de courant duplex', 630, 547, 7);
    b.rect(50, 50, 400, 300, { lineWidth: 1 });
    drawSymbol.receptacle(b, place(100, 100));
    drawSymbol.receptacle(b, place(300, 200));
    // A short stroke inside the second receptacle's circle: ~2 pt against ~35 pt of symbol ink.
    b.line(299, 199, 301, 199);
    const analysis = analyzePlan({ pageCount: 1, pages: [b.build()], warnings: [] });
    const symbols = analysis.pages[0]?.symbols ?? [];
    const clean = symbols.find((s) => Math.abs(s.x - 100) < 1);
    const doubtful = symbols.find((s) => Math.abs(s.x - 300) < 1);
    expect(clean?.confidence).toBe(1);
    expect(doubtful?.confidence).toBeGreaterThanOrEqual(0.5);
    expect(doubtful?.confidence).toBeLessThan(0.97);
  });
});
