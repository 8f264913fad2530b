import type { PathPrimitive } from '@saeq/plan-analysis/primitives';
import { describe, expect, it } from 'vitest';
import { GeometryWalker } from './operator-geometry.ts';

const OPS = { constructPath: 91, stroke: 20, fill: 22 };
// DrawOPS: moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4.
const path = (paint: number, ...ops: number[]) => [paint, [new Float64Array(ops)], null];

function walk(argsArray: unknown[]): PathPrimitive[] {
  const walker = new GeometryWalker(OPS);
  walker.add({ fnArray: argsArray.map(() => OPS.constructPath), argsArray });
  return walker.paths;
}

describe('packed paths', () => {
  it('read back every kind of segment, and show the JSON and clone of a plain path', () => {
    const [p] = walk([path(OPS.fill, 0, 1, 2, 1, 3, 4, 2, 5, 6, 7, 8, 9, 10, 3, 12, 4, 6, 4, 4)]);
    const plain: PathPrimitive = {
      segments: [
        { op: 'moveTo', x: 1, y: 2 },
        { op: 'lineTo', x: 3, y: 4 },
        { op: 'curveTo', x1: 5, y1: 6, x2: 7, y2: 8, x: 9, y: 10 },
        // The quadratic curve from (9, 10) through (12, 4) to (6, 4), raised to a cubic.
        { op: 'curveTo', x1: 11, y1: 6, x2: 10, y2: 4, x: 6, y: 4 },
        { op: 'closePath' },
      ],
      stroke: false,
      fill: true,
      evenOdd: false,
      lineWidth: 1,
      dashed: false,
      strokeColor: '#000000',
      fillColor: '#000000',
      bbox: [1, 2, 12, 10],
    };
    expect(p?.segments).toEqual(plain.segments);
    expect(JSON.stringify(p)).toBe(JSON.stringify(plain));
    expect(structuredClone(p)).toEqual(plain);
    expect({ ...p }).toEqual(plain);
    expect(Object.keys(p ?? {})).toEqual(Object.keys(plain));
  });

  it('keeps 30 000 one-stroke paths apart in their shared blocks', () => {
    const strokes = Array.from({ length: 30_000 }, (_, i) =>
      path(OPS.stroke, 0, i, 1 - i, 1, i + 0.5, i / 3),
    );
    const paths = walk(strokes);
    expect(paths).toHaveLength(30_000);
    // A block of 65 536 numbers holds ~10 900 such paths (6 numbers each, 10 asked for).
    for (const i of [0, 1, 10_921, 10_922, 10_923, 21_845, 29_999])
      expect(paths[i]?.segments).toEqual([
        { op: 'moveTo', x: i, y: 1 - i },
        { op: 'lineTo', x: i + 0.5, y: i / 3 },
      ]);
  });
});
