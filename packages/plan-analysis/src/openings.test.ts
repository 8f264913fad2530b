import { describe, expect, it } from 'vitest';
import { flattenPaths, type Subpath } from './geometry.ts';
import { findDoorSwings, findOpeningClosures, fitArc, straightRuns } from './openings.ts';
import type { PathSegment } from './primitives.ts';
import { PageBuilder } from './testing/page-builder.ts';

const K = 0.5522847498;

/** Quarter circle around (cx, cy) from angle a0 to a0 + 90° (degrees, counter-clockwise). */
function quarterArc(cx: number, cy: number, r: number, a0: number): PathSegment[] {
  const a = (a0 * Math.PI) / 180;
  const b = a + Math.PI / 2;
  const p = (t: number): [number, number] => [cx + r * Math.cos(t), cy + r * Math.sin(t)];
  const [x0, y0] = p(a);
  const [x3, y3] = p(b);
  return [
    { op: 'moveTo', x: x0, y: y0 },
    {
      op: 'curveTo',
      x1: x0 - K * r * Math.sin(a),
      y1: y0 + K * r * Math.cos(a),
      x2: x3 + K * r * Math.sin(b),
      y2: y3 - K * r * Math.cos(b),
      x: x3,
      y: y3,
    },
  ];
}

const round = (v: number) => Math.round(v * 100) / 100;

/** Rasterless wall test for unit tests: a point is wall when it lies on one of the boxes. */
function wallBoxes(boxes: [number, number, number, number][], pad = 0.6) {
  return (x: number, y: number) =>
    boxes.some(([x0, y0, x1, y1]) => x >= x0 - pad && x <= x1 + pad && y >= y0 - pad && y <= y1 + pad);
}

describe('straightRuns', () => {
  it('merges edges that keep their direction and splits at corners', () => {
    expect(straightRuns([0, 0, 5, 0, 10, 0, 10, 10, 0, 10])).toEqual([
      [0, 0, 10, 0],
      [10, 0, 10, 10],
      [10, 10, 0, 10],
    ]);
  });
});

describe('fitArc', () => {
  it('finds centre, radius, ends and sweep of a quarter circle, alone or after its leaf', () => {
    const arc = flattenPaths(new PageBuilder().path(quarterArc(100, 200, 40, 90)).build().paths)[0];
    const fit = fitArc(arc?.points ?? [], 1);
    expect(fit && [round(fit.cx), round(fit.cy), round(fit.radius), round(fit.sweep)]).toEqual([
      100, 200, 40, 90,
    ]);
    expect(fit?.ends.map((e) => e.map(round))).toEqual([
      [100, 240],
      [60, 200],
    ]);
    // Hinge → leaf end, then the swing: the hinge is the first point.
    const withLeaf = new PageBuilder()
      .path([
        { op: 'moveTo', x: 100, y: 200 },
        { op: 'lineTo', x: 100, y: 240 },
        ...quarterArc(100, 200, 40, 90).slice(1),
      ])
      .build();
    const fit2 = fitArc(flattenPaths(withLeaf.paths)[0]?.points ?? [], 1);
    expect(fit2 && [round(fit2.cx), round(fit2.cy), round(fit2.radius), round(fit2.sweep)]).toEqual([
      100, 200, 40, 90,
    ]);
  });

  it('rejects a polyline that is no arc', () => {
    expect(fitArc([0, 0, 10, 0, 20, 5, 30, 0, 40, 0], 0.5)).toBeNull();
  });
});

describe('findDoorSwings', () => {
  it('tells the latch from the leaf end by the leaf line, drawn on its own or in the arc path', () => {
    // Hinge at (100, 200); leaf open along +y to (100, 240); shut, the door reaches (60, 200).
    const b = new PageBuilder();
    b.line(100, 200, 100, 240);
    b.path(quarterArc(100, 200, 40, 90));
    const subpaths = flattenPaths(b.build().paths);
    const curved = subpaths.filter((s) => s.curved);
    const straight = subpaths.filter((s) => !s.curved);
    const [door, ...more] = findDoorSwings({
      curved,
      straight,
      minRadius: 10,
      maxRadius: 60,
      tolerancePt: 1,
    });
    expect(more).toHaveLength(0);
    expect(door && [round(door.cx), round(door.cy), round(door.radius), door.latch]).toEqual([
      100, 200, 40, 1,
    ]);
    expect(door?.ends[door.latch ?? 0]?.map(round)).toEqual([60, 200]);
    expect(door?.leaves).toEqual([straight[0]]);
    // Too small for a door at this scale: a fixture's arc.
    expect(findDoorSwings({ curved, straight, minRadius: 50, maxRadius: 90, tolerancePt: 1 })).toEqual([]);
  });
});

/**
 * A horizontal double-line wall (faces y = 100 and y = 106) from x = 0 to x = 300, cut by an
 * opening from x = 120 to x = 160: two closed outlines, like CAD wall pieces.
 */
function wallWithOpening(b: PageBuilder): [number, number, number, number][] {
  b.rect(0, 100, 120, 6);
  b.rect(160, 100, 140, 6);
  return [
    [0, 100, 120, 106],
    [160, 100, 300, 106],
  ];
}

function closuresOf(b: PageBuilder, walls: [number, number, number, number][], maxGapPt = 60) {
  const subpaths = flattenPaths(b.build().paths);
  return findOpeningClosures({
    walls: subpaths.filter((s) => !s.dashed),
    dashed: subpaths.filter((s) => s.dashed),
    isWall: wallBoxes(walls),
    maxGapPt,
    maxWallPt: 20,
    tolerancePt: 1,
  }).map((c) => [c.kind, round(c.x0), round(c.y0), round(c.x1), round(c.y1)]);
}

describe('findOpeningClosures', () => {
  it('closes an opening in a two-faced wall on both faces', () => {
    const b = new PageBuilder();
    const walls = wallWithOpening(b);
    expect(closuresOf(b, walls).sort()).toEqual([
      ['jamb', 120, 100, 160, 100],
      ['jamb', 120, 106, 160, 106],
    ]);
    // Wider than the widest opening closed: left open.
    expect(closuresOf(b, walls, 30)).toEqual([]);
  });

  it('takes a dashed header across the opening as a wall, not a dashed shelf between two walls', () => {
    const b = new PageBuilder();
    const walls = wallWithOpening(b);
    b.path(
      [
        { op: 'moveTo', x: 120, y: 103 },
        { op: 'lineTo', x: 160, y: 103 },
      ],
      { dashed: true },
    );
    // A closet: side walls x = 200..206 and x = 260..266 below the wall, a dashed shelf between.
    b.rect(200, 40, 6, 60);
    b.rect(260, 40, 6, 60);
    walls.push([200, 40, 206, 100], [260, 40, 266, 100]);
    b.path(
      [
        { op: 'moveTo', x: 206, y: 80 },
        { op: 'lineTo', x: 260, y: 80 },
      ],
      { dashed: true },
    );
    const found = closuresOf(b, walls, 30);
    expect(found).toEqual([['header', 120, 103, 160, 103]]);
  });

  it('does not close a corridor between partitions that stop in line on either side of it', () => {
    // Corridor between walls y = 100..106 and y = 150..156; two partitions at x = 200..206 run
    // through the corridor walls and stop 4 pt into the corridor, in line with each other.
    const b = new PageBuilder();
    b.rect(0, 100, 400, 6);
    b.rect(0, 150, 400, 6);
    b.rect(200, 20, 6, 90);
    b.rect(200, 146, 6, 90);
    const walls: [number, number, number, number][] = [
      [0, 100, 400, 106],
      [0, 150, 400, 156],
      [200, 20, 206, 110],
      [200, 146, 206, 236],
    ];
    expect(closuresOf(b, walls)).toEqual([]);
  });

  it('does not join aligned furniture: racks in a row have no second face', () => {
    // Three racks 80 × 12 pt, 40 pt apart, their ends aligned.
    const b = new PageBuilder();
    const walls: [number, number, number, number][] = [];
    for (const y of [0, 52, 104]) {
      b.rect(100, y, 80, 12);
      walls.push([100, y, 180, y + 12]);
    }
    expect(closuresOf(b, walls)).toEqual([]);
  });
});

describe('a door in a wall', () => {
  it('is closed from hinge to latch by findDoorSwings, whichever way it swings', () => {
    for (const swing of [1, -1]) {
      const b = new PageBuilder();
      // Hinge on the wall centre line at x = 160, leaf open to ±y, latch at x = 120.
      b.line(160, 103, 160, 103 + swing * 40);
      b.path(quarterArc(160, 103, 40, swing > 0 ? 90 : 180));
      const subpaths: Subpath[] = flattenPaths(b.build().paths);
      const [door] = findDoorSwings({
        curved: subpaths.filter((s) => s.curved),
        straight: subpaths.filter((s) => !s.curved),
        minRadius: 10,
        maxRadius: 60,
        tolerancePt: 1,
      });
      expect(door && door.latch !== null ? door.ends[door.latch].map(round) : null).toEqual([120, 103]);
    }
  });
});
