import { describe, expect, it } from 'vitest';
import { flattenPaths } from './geometry.ts';
import { traceScan } from './trace-scan.ts';

/** A white image `w` × `h` with the pixels `ink(x, y)` says painted black. */
function image(w: number, h: number, ink: (x: number, y: number) => boolean): Uint8Array {
  const px = new Uint8Array(w * h).fill(255);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (ink(x, y)) px[y * w + x] = 0;
  return px;
}

/** 2 px per point, y up: pixel (0, 0) is the page's top-left corner (page 50 pt high). */
const toPage = (px: number, py: number): [number, number] => [px / 2, 50 - py / 2];

describe('traceScan', () => {
  // A ring (a stroked circle), a filled square, a slanted 1-px line and one lone noise pixel.
  const ring = (x: number, y: number) => {
    const d = Math.hypot(x + 0.5 - 20, y + 0.5 - 20);
    return d >= 8 && d <= 11;
  };
  const square = (x: number, y: number) => x >= 40 && x < 50 && y >= 10 && y < 20;
  const slant = (x: number, y: number) => y >= 60 && y < 90 && x === 10 + Math.floor((y - 60) / 3);
  const noise = (x: number, y: number) => x === 80 && y === 80;
  const pixels = image(100, 100, (x, y) => ring(x, y) || square(x, y) || slant(x, y) || noise(x, y));

  it('gives one closed outline per boundary: a ring its outside and its hole, in page space', () => {
    const paths = traceScan(pixels, 100, 100, toPage);
    expect(paths.every((p) => p.source === 'scan' && p.stroke && !p.fill)).toBe(true);
    const boxes = paths.map((p) => p.bbox.map((v) => Math.round(v)));
    // Ring: outside ≈ 22 px wide (11 pt), hole ≈ 16 px (8 pt), both centred on (10 pt, 40 pt).
    expect(boxes).toContainEqual([5, 35, 16, 46]);
    expect(boxes).toContainEqual([6, 36, 14, 44]);
    // Square: 10 px → 5 pt, as four corners.
    const sq = paths.find((p) => Math.round(p.bbox[0]) === 20);
    expect(sq?.bbox).toEqual([20, 40, 25, 45]);
    expect(flattenPaths(sq ? [sq] : [])[0]?.points.length).toBe(10);
    // The slanted line, pixels touching only by their corners, is one blob; the lone pixel is noise.
    expect(paths).toHaveLength(4);
  });

  it('leaves out the ink of blanked boxes (words read by OCR)', () => {
    const paths = traceScan(pixels, 100, 100, toPage, { blank: [[39, 9, 51, 21]] });
    expect(paths).toHaveLength(3);
    expect(paths.some((p) => Math.round(p.bbox[0]) === 20)).toBe(false);
  });
});
