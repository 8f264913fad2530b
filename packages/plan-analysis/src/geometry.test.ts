import { describe, expect, it } from 'vitest';
import { D4_OPS, flattenPaths, placeBBox, placePoint } from './geometry.ts';
import { orientPage } from './orientation.ts';
import { PageBuilder } from './testing/page-builder.ts';

describe('flattenPaths', () => {
  it('splits paths into subpaths, flattens curves and marks closed outlines', () => {
    const b = new PageBuilder();
    b.path([
      { op: 'moveTo', x: 0, y: 0 },
      { op: 'lineTo', x: 10, y: 0 },
      { op: 'moveTo', x: 0, y: 5 },
      { op: 'lineTo', x: 10, y: 5 },
    ]);
    b.circle(50, 50, 10);
    b.rect(100, 100, 20, 10, { fill: true });
    const subpaths = flattenPaths(b.build().paths);
    expect(subpaths.map((s) => [s.pathIndex, s.closed, s.curved, s.filled, s.bbox.map(Math.round)])).toEqual([
      [0, false, false, false, [0, 0, 10, 0]],
      [0, false, false, false, [0, 5, 10, 5]],
      [1, true, true, false, [40, 40, 60, 60]],
      [2, true, false, true, [100, 100, 120, 110]],
    ]);
    // 4 quarter arcs of a r = 10 circle: (chord 14.1 + control polygon 18.8) / 2 / 2 pt → 8
    // chords each, plus the start point.
    expect(subpaths[2]?.points.length).toBe(2 * 33);
    expect(subpaths[3]?.length).toBe(60);
  });

  it('lets a one-stroke path and its subpath share one box, and gives each subpath of a longer path its own', () => {
    const b = new PageBuilder();
    b.path([
      { op: 'moveTo', x: 0, y: 0 },
      { op: 'lineTo', x: 3, y: 4 },
    ]);
    b.path([
      { op: 'moveTo', x: 0, y: 0 },
      { op: 'lineTo', x: 10, y: 0 },
      { op: 'moveTo', x: 0, y: 5 },
      { op: 'lineTo', x: 10, y: 5 },
    ]);
    const paths = b.build().paths;
    const [stroke, first, second] = flattenPaths(paths);
    expect(stroke?.bbox).toBe(paths[0]?.bbox);
    expect(stroke?.bbox).toEqual([0, 0, 3, 4]);
    expect(first?.bbox).toEqual([0, 0, 10, 0]);
    expect(second?.bbox).toEqual([0, 5, 10, 5]);
    expect(first?.bbox).not.toBe(paths[1]?.bbox);
  });
});

describe('D4 placements', () => {
  it('has 8 distinct symmetries; rotation 90 maps +x to +y; mirroring flips x first', () => {
    expect(new Set(D4_OPS.map((g) => g.m.join(','))).size).toBe(8);
    const r90 = D4_OPS.find((g) => g.rotation === 90 && !g.mirrored);
    const m0 = D4_OPS.find((g) => g.rotation === 0 && g.mirrored);
    if (!r90 || !m0) throw new Error('missing symmetry');
    expect(placePoint({ g: r90, s: 2, tx: 10, ty: 20 }, 1, 0)).toEqual([10, 22]);
    expect(placePoint({ g: m0, s: 1, tx: 0, ty: 0 }, 3, 4)).toEqual([-3, 4]);
    expect(placeBBox({ g: r90, s: 1, tx: 0, ty: 0 }, [0, 0, 4, 2])).toEqual([-2, 0, 0, 4]);
  });
});

describe('orientPage', () => {
  it('turns a sideways sheet so its text reads left to right, and maps back', () => {
    const b = new PageBuilder(612, 792);
    // Text running up the page (angle 90) and a line.
    b.text('CUISINE', 300, 100, 9, 90);
    b.text('SALON', 300, 400, 9, 90);
    b.line(100, 100, 100, 300);
    const page = b.build();
    const o = orientPage(page);
    expect(o.angle).toBe(90);
    expect([o.page.widthPt, o.page.heightPt]).toEqual([792, 612]);
    expect(o.page.textItems.map((t) => [t.str, t.x, t.y, t.angle])).toEqual([
      ['CUISINE', 100, 312, 0],
      ['SALON', 400, 312, 0],
    ]);
    expect(o.page.paths[0]?.bbox).toEqual([100, 512, 300, 512]);
    // Back to page space.
    const [a, bb, c, d, e, f] = o.toPage;
    expect([a * 100 + c * 312 + e, bb * 100 + d * 312 + f]).toEqual([300, 100]);
  });
});
