import { describe, expect, it } from 'vitest';
import type { BBox } from './primitives.ts';
import { BoxGrid, PointGrid } from './spatial-grid.ts';

/** A deterministic pseudo-random sequence (LCG) for the comparisons with brute force. */
function sequence(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('PointGrid', () => {
  it('gives the same first index as a scan of every point, also after moves', () => {
    const next = sequence(7);
    const grid = new PointGrid(3);
    const pts: [number, number][] = [];
    for (let i = 0; i < 2000; i++) {
      const tol = 0.2 + 2.8 * next();
      const x = 500 * next();
      const y = 500 * next();
      const brute = pts.findIndex(([px, py]) => Math.abs(px - x) < tol && Math.abs(py - y) < tol);
      expect(grid.firstWithin(x, y, tol)).toBe(brute);
      if (brute < 0) {
        pts.push([x, y]);
        grid.add(x, y);
      } else if (next() < 0.5) {
        pts[brute] = [x, y];
        grid.move(brute, x, y);
      }
    }
    expect(pts.length).toBeGreaterThan(500);
  });

  it('refuses a tolerance larger than its cell (the answer could be wrong)', () => {
    expect(() => new PointGrid(1).firstWithin(0, 0, 2)).toThrow(/exceeds/);
  });
});

describe('BoxGrid', () => {
  it('visits every stored box that meets the query box, including boxes wider than the grid', () => {
    const next = sequence(11);
    const grid = new BoxGrid<number>(10);
    const boxes: BBox[] = [];
    for (let i = 0; i < 1500; i++) {
      const x = 1000 * next();
      const y = 1000 * next();
      const w = i % 100 === 0 ? 900 : 30 * next();
      const box: BBox = [x, y, x + w, y + 30 * next()];
      boxes.push(box);
      grid.insert(box, i);
    }
    const meets = (a: BBox, b: BBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
    for (let q = 0; q < 300; q++) {
      const x = 1000 * next();
      const y = 1000 * next();
      const query: BBox = [x, y, x + 40 * next(), y + 40 * next()];
      const seen = new Set<number>();
      grid.some(query, (i) => {
        seen.add(i);
        return false;
      });
      boxes.forEach((b, i) => {
        if (meets(b, query)) expect(seen.has(i)).toBe(true);
      });
    }
  });
});
