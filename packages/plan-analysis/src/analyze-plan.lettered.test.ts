import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import type { Matrix, PathSegment } from './primitives.ts';
import { PageBuilder, place } from './testing/page-builder.ts';

/**
 * Detectors drawn as a double circle with two letters drawn as strokes inside ("SD" smoke, "CO"
 * carbon monoxide, "HD" heat), as CAD blocks draw them: the letters turn with the block. Only
 * the letters tell the three apart, and at a small size they still half-fit a wrong turn.
 */

type Glyph = (b: PageBuilder, m: Matrix, x: number) => void;

const poly = (b: PageBuilder, m: Matrix, pts: [number, number][]) =>
  b.path(
    pts.map(([x, y], i): PathSegment => ({ op: i === 0 ? 'moveTo' : 'lineTo', x, y })),
    { lineWidth: 0.3 },
    m,
  );

/** Points of an arc of an ellipse (radii rx, ry) centred on (cx, cy), from a0 to a1 degrees. */
const arc = (cx: number, cy: number, rx: number, ry: number, a0: number, a1: number): [number, number][] =>
  Array.from({ length: 9 }, (_, i) => {
    const a = ((a0 + ((a1 - a0) * i) / 8) * Math.PI) / 180;
    return [cx + rx * Math.cos(a), cy + ry * Math.sin(a)];
  });

/** Plotter letters 1.6 pt wide and 2.6 pt tall (round, like a CAD font's), left edge at `x`. */
const GLYPHS: Record<string, Glyph> = {
  S: (b, m, x) =>
    poly(b, m, [...arc(x + 0.8, 0.65, 0.8, 0.65, 0, 270), ...arc(x + 0.8, -0.65, 0.8, 0.65, 90, -180)]),
  D: (b, m, x) => poly(b, m, [[x, -1.3], [x, 1.3], ...arc(x, 0, 1.6, 1.3, 90, -90), [x, -1.3]]),
  C: (b, m, x) => poly(b, m, arc(x + 0.8, 0, 0.8, 1.3, 45, 315)),
  O: (b, m, x) => poly(b, m, arc(x + 0.8, 0, 0.8, 1.3, 0, 360)),
  H: (b, m, x) => {
    poly(b, m, [
      [x, 1.3],
      [x, -1.3],
    ]);
    poly(b, m, [
      [x + 1.6, 1.3],
      [x + 1.6, -1.3],
    ]);
    poly(b, m, [
      [x, 0],
      [x + 1.6, 0],
    ]);
  },
};

function detector(b: PageBuilder, m: Matrix, letters: string): void {
  b.circle(0, 0, 4.2, {}, m);
  b.circle(0, 0, 3.6, {}, m);
  const [first, second] = [...letters].map((l) => GLYPHS[l]);
  first?.(b, m, -1.8);
  second?.(b, m, 0.2);
}

describe('detectors drawn as rings with letters', () => {
  it('counts each by its own letters at any turn', () => {
    const b = new PageBuilder();
    b.text('LEGEND', 600, 570, 10);
    detector(b, place(612, 550), 'SD');
    b.text('Smoke detector', 640, 547, 7);
    detector(b, place(612, 530), 'CO');
    b.text('Carbon monoxide detector', 640, 527, 7);
    detector(b, place(612, 510), 'HD');
    b.text('Heat detector', 640, 507, 7);
    b.rect(50, 50, 400, 300, { lineWidth: 1 });
    detector(b, place(100, 100), 'SD');
    detector(b, place(160, 100, 180), 'SD');
    detector(b, place(220, 100, 40), 'SD');
    detector(b, place(280, 100, 219), 'SD');
    detector(b, place(100, 200, 90), 'CO');
    detector(b, place(160, 200, 131), 'CO');
    detector(b, place(220, 200, 0), 'HD');
    detector(b, place(280, 200, 217), 'HD');
    const analysis = analyzePlan({ pageCount: 1, pages: [b.build()], warnings: [] });
    expect(analysis.counts.byType).toEqual({ smoke_detector: 4, co_detector: 2, other: 2 });
    const turned = analysis.pages[0]?.symbols.find((s) => Math.hypot(s.x - 220, s.y - 100) < 1);
    expect(turned?.rotation).toBeCloseTo(40, 0);
  });

  it('does not let a symbol with more ink, found only in part, win over one found whole', () => {
    // A: a circle and a bar from its left edge to just past its centre. B: the same circle and a
    // bar right across. On a drawn A, B is found but for the bar's right part (its samples within
    // the drawing tolerance of the bar's end pass too, so B "explains" a little more ink than A).
    const short = (b: PageBuilder, m: Matrix) => {
      b.circle(0, 0, 4, {}, m);
      poly(b, m, [
        [-3, 0],
        [0.5, 0],
      ]);
    };
    const across = (b: PageBuilder, m: Matrix) => {
      b.circle(0, 0, 4, {}, m);
      poly(b, m, [
        [-3, 0],
        [3, 0],
      ]);
    };
    const b = new PageBuilder();
    b.text('LEGEND', 600, 570, 10);
    short(b, place(612, 550));
    b.text('Junction box', 640, 547, 7);
    across(b, place(612, 530));
    b.text('Thermostat', 640, 527, 7);
    b.rect(50, 50, 400, 300, { lineWidth: 1 });
    short(b, place(100, 100));
    short(b, place(160, 100, 90));
    short(b, place(220, 100, 180));
    across(b, place(100, 200));
    const analysis = analyzePlan({ pageCount: 1, pages: [b.build()], warnings: [] });
    expect(analysis.counts.byType).toEqual({ junction_box: 3, thermostat: 1 });
  });

  it('never takes one drawn circle for both rings of a double circle', () => {
    // A fan: one circle and an S-shaped blade. A smoke detector: two rings 0.6 pt apart around
    // the same S. The fan's circle lies between the rings, within the drawing tolerance of both.
    const blade = (b: PageBuilder, m: Matrix) =>
      poly(b, m, [...arc(0, 1.5, 1.5, 1.5, 0, 270), ...arc(0, -1.5, 1.5, 1.5, 90, -180)]);
    const fan = (b: PageBuilder, m: Matrix) => {
      b.circle(0, 0, 4.2, {}, m);
      blade(b, m);
    };
    const smoke = (b: PageBuilder, m: Matrix) => {
      b.circle(0, 0, 4.5, {}, m);
      b.circle(0, 0, 3.9, {}, m);
      blade(b, m);
    };
    const b = new PageBuilder();
    b.text('LEGEND', 600, 570, 10);
    fan(b, place(612, 550));
    b.text('Exhaust fan', 640, 547, 7);
    smoke(b, place(612, 530));
    b.text('Smoke detector', 640, 527, 7);
    b.rect(50, 50, 400, 300, { lineWidth: 1 });
    fan(b, place(100, 100));
    fan(b, place(160, 100, 90));
    smoke(b, place(220, 100));
    const analysis = analyzePlan({ pageCount: 1, pages: [b.build()], warnings: [] });
    expect(analysis.counts.byType).toEqual({ exhaust_fan: 2, smoke_detector: 1 });
  });
});
