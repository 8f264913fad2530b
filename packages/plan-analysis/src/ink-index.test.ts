import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenPaths, pointSegmentDistance } from './geometry.ts';
import { InkIndex } from './ink-index.ts';
import { PageBuilder } from './testing/page-builder.ts';

describe('InkIndex.hasInkNear', () => {
  it('finds ink exactly `tol` away, past either end and beside the piece, and nothing farther', () => {
    const b = new PageBuilder(200, 200);
    b.line(50, 50, 60, 50).line(100, 40, 100, 70);
    const ink = new InkIndex(flattenPaths(b.build().paths), 4);
    // Past the ends of the horizontal piece, on its line.
    expect(ink.hasInkNear(63, 50, 3, 0, 0, 1)).toBe(true);
    expect(ink.hasInkNear(47, 50, 3, 0, 0, 1)).toBe(true);
    expect(ink.hasInkNear(63.01, 50, 3, 0, 0, 1)).toBe(false);
    // Beside the vertical piece, and diagonally off its end (3-4-5).
    expect(ink.hasInkNear(102.5, 55, 2.5, 0, 0, 1)).toBe(true);
    expect(ink.hasInkNear(103, 74, 5, 0, 0, 1)).toBe(true);
    expect(ink.hasInkNear(103, 74.01, 5, 0, 0, 1)).toBe(false);
  });

  it('answers as measuring the distance to every piece does, direction aside', () => {
    // Pieces are skipped by their box grown by `tol` before being measured: the same pieces must
    // be found near as when each is measured.
    const segment = fc.tuple(
      fc.double({ min: 0, max: 100, noNaN: true }),
      fc.double({ min: 0, max: 100, noNaN: true }),
      fc.double({ min: -20, max: 20, noNaN: true }),
      fc.double({ min: -20, max: 20, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 30 }),
        fc.array(
          fc.tuple(
            fc.double({ min: -5, max: 125, noNaN: true }),
            fc.double({ min: -5, max: 125, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        (segments, points, tol) => {
          const b = new PageBuilder(200, 200);
          for (const [x, y, dx, dy] of segments) b.line(x, y, x + dx, y + dy);
          const subpaths = flattenPaths(b.build().paths);
          const ink = new InkIndex(subpaths, 3);
          for (const [x, y] of points) {
            const measured = subpaths.some((sp) => {
              const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = sp.points;
              return pointSegmentDistance(x, y, x0, y0, x1, y1) <= tol;
            });
            expect(ink.hasInkNear(x, y, tol, 0, 0, 1)).toBe(measured);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
