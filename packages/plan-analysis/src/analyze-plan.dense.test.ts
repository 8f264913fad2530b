import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { findFrames } from './frames.ts';
import { flattenPaths } from './geometry.ts';
import type { TextItem } from './primitives.ts';
import { findRoomLabels } from './rooms.ts';
import { PageBuilder } from './testing/page-builder.ts';
import { groupTextLines } from './text-lines.ts';

/**
 * Stages that compared every pair of lines or text lines on a page: linear on the small sheets
 * of our corpora, minutes on a dense A1 CAD sheet (hatching, tags). Each test builds a sheet
 * with that clutter and checks the stage still finds what it must, well within a bound the
 * pairwise scan passed by far (it needs billions of comparisons here).
 */
describe('dense sheets', () => {
  it('finds a frame drawn as four separate lines among thousands of hatching lines of one extent', () => {
    const b = new PageBuilder(2384, 1684);
    // The frame: top, bottom, left and right drawn one by one.
    b.line(100, 500, 400, 500).line(100, 300, 400, 300).line(100, 300, 100, 500).line(400, 300, 400, 500);
    // Hatching: 3 000 horizontal strokes sharing their ends, and 500 vertical strokes beside them.
    for (let k = 0; k < 3000; k++) b.line(1000, 100 + k * 0.5, 1300, 100 + k * 0.5);
    for (let k = 0; k < 500; k++) b.line(1400 + k * 1.5, 100, 1400 + k * 1.5, 400);
    const subpaths = flattenPaths(b.build().paths);
    const started = performance.now();
    const frames = findFrames(subpaths);
    const elapsed = performance.now() - started;
    expect(frames).toContainEqual([100, 300, 400, 500]);
    // No frame made of hatching strokes: no vertical line closes them.
    expect(frames.filter((f) => f[0] >= 1000)).toEqual([]);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('joins OCR fragments of room names among 20 000 OCR words (furniture and finish tags)', () => {
    const ocr = (str: string, x: number, y: number, fontSize = 9): TextItem => ({
      str,
      x,
      y,
      width: str.length * 0.55 * fontSize,
      height: fontSize,
      fontSize,
      angle: 0,
      fontName: 'ocr',
      source: 'ocr',
      confidence: 0.9,
    });
    const items = [
      ocr('ELEC.', 2070, 1612, 8.5),
      ocr('ROOM', 2102, 1612, 9.3),
      ocr('BUREAU', 2100, 1500),
      ocr('104', 2145, 1500),
    ];
    // Tags on a staggered grid: no two on one baseline, so each is a text line of its own.
    for (let i = 0; i < 200; i++)
      for (let j = 0; j < 100; j++)
        items.push(ocr(j % 2 ? 'M12' : '305', 10 + i * 12, 10 + j * 14 + (i % 2) * 7, 4));
    const lines = groupTextLines(items);
    expect(lines.length).toBeGreaterThan(20_000);
    const started = performance.now();
    const labels = findRoomLabels(lines, () => true);
    const elapsed = performance.now() - started;
    expect(labels.map((l) => l.name).sort()).toEqual(['BUREAU 104', 'ELEC. ROOM']);
    expect(elapsed).toBeLessThan(10_000);
  });
});

describe('flattenPaths on a dense sheet', () => {
  it('keeps each subpath compact: 100 000 hatching strokes hold under 340 bytes each', () => {
    // A stroke's points grew by `push` into an array with room for ~19 numbers; 10⁶ of them on a
    // dense A1 sheet held ~150 MB more than their 4 numbers need.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const paths = new PageBuilder(2384, 1684);
    for (let k = 0; k < 100_000; k++)
      paths.line(k % 2000, Math.floor(k / 2000), (k % 2000) + 1, Math.floor(k / 2000) + 1);
    const built = paths.build().paths;
    gc();
    const before = getHeapStatistics().used_heap_size;
    const subpaths = flattenPaths(built);
    gc();
    const perSubpath = (getHeapStatistics().used_heap_size - before) / subpaths.length;
    expect(subpaths).toHaveLength(100_000);
    expect(subpaths[0]?.points).toEqual([0, 0, 1, 1]);
    expect(perSubpath).toBeLessThan(340);
  });
});
