import type { BBox } from '@saeq/plan-analysis/primitives';
import { describe, expect, it } from 'vitest';
import type { DrawnPiece } from './page-drawer.ts';
import { PIECES_PER_IMAGE, readStacked } from './read-stacked.ts';
import type { OcrEngine, OcrWord } from './tesseract-engine.ts';

/** A box drawn at 2 px a point on white paper: pixel (px, py) is page (x0 + px / 2, y1 − py / 2). */
function drawWhite(box: BBox): Promise<DrawnPiece> {
  const width = Math.round(2 * (box[2] - box[0]));
  const height = Math.round(2 * (box[3] - box[1]));
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'ascii');
  const image = Buffer.concat([header, Buffer.alloc(width * height, 255)]);
  return Promise.resolve({ image, width, height, toPage: (px, py) => [box[0] + px / 2, box[3] - py / 2] });
}

/** An engine that reads, in each image, one word "W" 4 px high at the left of every band of ink. */
function inkBandEngine(): OcrEngine & { calls: { width: number; height: number; layout?: string }[] } {
  const calls: { width: number; height: number; layout?: string }[] = [];
  return {
    concurrency: 1,
    calls,
    async recognize(image, opts) {
      const [, w, h] = image.subarray(0, 20).toString('latin1').split(/\s+/).map(Number);
      const width = w ?? 0;
      const height = h ?? 0;
      calls.push({ width, height, ...(opts?.layout ? { layout: opts.layout } : {}) });
      const grey = image.subarray(image.length - width * height);
      const words: OcrWord[] = [];
      for (let y = 0; y < height; y++) {
        const row = grey.subarray(y * width, (y + 1) * width);
        const dark = row.indexOf(0);
        const above = y > 0 && grey.subarray((y - 1) * width, y * width).includes(0);
        if (dark >= 0 && !above)
          words.push({ text: 'W', confidence: 0.9, x0: dark, y0: y, x1: dark + 4, y1: y + 4 });
      }
      return words;
    },
    async terminate() {},
  };
}

describe('readStacked', () => {
  it('reads many boxes in one block image and gives each the words read in its drawing, in page space', async () => {
    const boxes: BBox[] = [
      [100, 500, 130, 510],
      [300, 200, 310, 240],
      [50, 50, 70, 60],
    ];
    const engine = inkBandEngine();
    // Each drawing gets a dark mark 2 px from its top-left corner (what `prepare` may paint).
    const marked: number[] = [];
    const found = await readStacked(boxes, drawWhite, engine, 10, (grey, cut) => {
      marked.push(cut.width);
      grey.fill(0, 2 * cut.width + 2, 2 * cut.width + 4);
    });
    expect(engine.calls).toEqual([{ width: 60 + 20, height: 20 + 80 + 20 + 4 * 10, layout: 'block' }]);
    expect(marked).toEqual([60, 20, 40]);
    expect(found.map((ws) => ws.length)).toEqual([1, 1, 1]);
    // The mark at pixel (2, 2) of each drawing is 1 pt right of its box's left edge, 1 pt under its top.
    boxes.forEach((b, i) => {
      const w = found[i]?.[0];
      expect(w?.x).toBeCloseTo(b[0] + 1, 5);
      expect(w?.source).toBe('ocr');
      expect(w?.y).toBeLessThan(b[3]);
      expect(w?.y).toBeGreaterThan(b[1]);
    });
  });

  it('reads at most PIECES_PER_IMAGE boxes an image', async () => {
    const boxes: BBox[] = Array.from(
      { length: PIECES_PER_IMAGE + 1 },
      (_, i): BBox => [0, 10 * i, 5, 10 * i + 5],
    );
    const engine = inkBandEngine();
    const found = await readStacked(boxes, drawWhite, engine, 4);
    expect(engine.calls).toHaveLength(2);
    expect(found).toHaveLength(PIECES_PER_IMAGE + 1);
  });
});
