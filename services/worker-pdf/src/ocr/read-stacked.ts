import type { BBox, TextItem } from '@saeq/plan-analysis/primitives';
import type { DrawnPiece } from './page-drawer.ts';
import type { OcrEngine } from './tesseract-engine.ts';
import { wordToTextItem } from './word-to-text-item.ts';

/** Pieces stacked into one image at most (a schedule's CCT column is one piece). */
export const PIECES_PER_IMAGE = 40;

/**
 * The words read in each of `boxes` (page space), in their order: each box is drawn (`draw`),
 * optionally cleaned (`prepare`, on its grey pixels), and the drawings are stacked one under the
 * other with `gapPx` of white paper around each into one image, read as one block of lines (at
 * most `PIECES_PER_IMAGE` boxes an image). One recognize call for many small regions: each call
 * costs a worker's turn and Tesseract's page set-up, which on a 50 × 50 px strip is most of its
 * time. A word belongs to the drawing its vertical centre lies in and is mapped back through it;
 * words read in the paper between two drawings belong to none.
 */
export async function readStacked(
  boxes: readonly BBox[],
  draw: (box: BBox) => Promise<DrawnPiece>,
  engine: OcrEngine,
  gapPx: number,
  prepare?: (grey: Uint8Array, cut: DrawnPiece) => void,
): Promise<TextItem[][]> {
  const out: TextItem[][] = boxes.map(() => []);
  for (let start = 0; start < boxes.length; start += PIECES_PER_IMAGE) {
    const cuts: DrawnPiece[] = [];
    for (const box of boxes.slice(start, start + PIECES_PER_IMAGE)) cuts.push(await draw(box));
    const { image, tops } = stackImages(cuts, gapPx);
    const found = await engine.recognize(image, { layout: 'block' });
    for (const w of found) {
      const cy = (w.y0 + w.y1) / 2;
      const i = tops.findIndex((t, k) => cy >= t && cy < t + (cuts[k]?.height ?? 0));
      const cut = cuts[i];
      if (cut === undefined) continue;
      const top = tops[i] as number;
      const item = wordToTextItem(
        { ...w, x0: w.x0 - gapPx, x1: w.x1 - gapPx, y0: w.y0 - top, y1: w.y1 - top },
        cut.toPage,
      );
      out[start + i]?.push(item);
    }
  }
  return out;

  function stackImages(cuts: readonly DrawnPiece[], gap: number): { image: Buffer; tops: number[] } {
    const width = Math.max(...cuts.map((c) => c.width)) + 2 * gap;
    const tops: number[] = [];
    let height = gap;
    for (const c of cuts) {
      tops.push(height);
      height += c.height + gap;
    }
    const pixels = new Uint8Array(width * height).fill(255);
    cuts.forEach((c, i) => {
      const grey = c.image.subarray(c.image.length - c.width * c.height);
      prepare?.(grey, c);
      for (let y = 0; y < c.height; y++) {
        pixels.set(grey.subarray(y * c.width, (y + 1) * c.width), ((tops[i] as number) + y) * width + gap);
      }
    });
    const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'ascii');
    return { image: Buffer.concat([header, pixels]), tops };
  }
}
