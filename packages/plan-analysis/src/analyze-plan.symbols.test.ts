import { DetectedSymbol } from '@saeq/shared/contracts/plan-analysis';
import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import { PageBuilder, place } from './testing/page-builder.ts';
import { drawSymbol } from './testing/sample-sheet.ts';

describe('analyzePlan symbols', () => {
  it('reports how each symbol is turned and whether it is drawn mirrored', () => {
    const b = new PageBuilder();
    b.text('LEGEND', 100, 500, 10);
    drawSymbol.dataOutlet(b, place(110, 480));
    b.text('Data outlet', 125, 477, 7);
    // The outlet is a triangle with a tail: neither turn nor mirror image looks like the legend.
    drawSymbol.dataOutlet(b, place(100, 200));
    drawSymbol.dataOutlet(b, place(160, 200, 90));
    drawSymbol.dataOutlet(b, place(220, 200, 0, 1, true));
    drawSymbol.dataOutlet(b, place(280, 200, 180, 1, true));
    const page = b.build();
    const analysis = analyzePlan({ pageCount: 1, pages: [page], warnings: [] });
    const symbols = analysis.pages[0]?.symbols ?? [];
    expect(symbols.map((s) => [s.type, s.rotation, s.mirrored]).sort()).toEqual([
      ['data_outlet', 0, false],
      ['data_outlet', 0, true],
      ['data_outlet', 180, true],
      ['data_outlet', 90, false],
    ]);
    // The contract keeps the field.
    expect(symbols.map((s) => DetectedSymbol.parse(s).mirrored).sort()).toEqual([false, false, true, true]);
  });
});
