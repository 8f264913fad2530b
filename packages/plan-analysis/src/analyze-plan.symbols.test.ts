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

describe('symbols with letters drawn as strokes, turned', () => {
  /** A detector: two circles and two letters drawn as strokes ("S" or "H", then "D"). */
  function detector(b: PageBuilder, m: ReturnType<typeof place>, letter: 'S' | 'H'): void {
    b.circle(0, 0, 5.2, {}, m);
    b.circle(0, 0, 4.4, {}, m);
    const poly = (pts: [number, number][], close = false) =>
      b.path(
        [
          ...pts.map(([x, y], i) => ({ op: i === 0 ? ('moveTo' as const) : ('lineTo' as const), x, y })),
          ...(close ? [{ op: 'closePath' as const }] : []),
        ],
        {},
        m,
      );
    poly(
      [
        [0.2, -1.4],
        [0.2, 1.4],
        [1.3, 1.4],
        [2, 0.7],
        [2, -0.7],
        [1.3, -1.4],
      ],
      true,
    );
    if (letter === 'S')
      poly([
        [-0.7, 1.1],
        [-1, 1.4],
        [-2.2, 1.4],
        [-2.5, 1.1],
        [-2.5, 0.3],
        [-2.2, 0],
        [-1, 0],
        [-0.7, -0.3],
        [-0.7, -1.1],
        [-1, -1.4],
        [-2.2, -1.4],
        [-2.5, -1.1],
      ]);
    else {
      poly([
        [-0.7, -1.4],
        [-0.7, 1.4],
      ]);
      poly([
        [-2.5, 0],
        [-0.7, 0],
      ]);
      poly([
        [-2.5, -1.4],
        [-2.5, 1.4],
      ]);
    }
  }

  it('finds the turn of a symbol whose upright placement half fits its letters', () => {
    const b = new PageBuilder();
    b.text('LEGEND', 500, 560, 10);
    detector(b, place(510, 540), 'S');
    b.text('Smoke detector', 525, 537, 7);
    detector(b, place(510, 520), 'H');
    b.text('Heat detector', 525, 517, 7);
    b.rect(50, 50, 400, 400, { lineWidth: 1 });
    // Turned 221° and 334° (mirrored): upright, the "S" half lines up with itself, and
    // the heat detector's "H", turned, lines up with it better than that.
    detector(b, place(150, 150, 221, 1.18), 'S');
    detector(b, place(250, 250, 334, 1.12, true), 'S');
    detector(b, place(150, 350), 'H');
    const analysis = analyzePlan({ pageCount: 1, pages: [b.build()], warnings: [] });
    const symbols = analysis.pages[0]?.symbols ?? [];
    expect(
      symbols.map((s) => [Math.round(s.x), Math.round(s.y), s.type, Math.round(s.rotation)]).sort(),
    ).toEqual([
      [150, 150, 'smoke_detector', 221],
      [150, 350, 'other', 0],
      [250, 250, 'smoke_detector', 334],
    ]);
  });
});
