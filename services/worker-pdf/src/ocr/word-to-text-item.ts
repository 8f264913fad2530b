import { fontSizeOfWordBox } from '@saeq/plan-analysis/ocr-text';
import type { BBox, TextItem } from '@saeq/plan-analysis/primitives';
import { textItemBBox } from '@saeq/plan-analysis/text-lines';
import type { OcrWord } from './tesseract-engine.ts';

/** A word's box in pixels → a text run in page space: baseline along the box's bottom edge. */
export function wordToTextItem(w: OcrWord, toPage: (px: number, py: number) => [number, number]): TextItem {
  const [bx0, by0] = toPage(w.x0, w.y1);
  const [bx1, by1] = toPage(w.x1, w.y1);
  const [tx, ty] = toPage(w.x0, w.y0);
  const width = Math.hypot(bx1 - bx0, by1 - by0);
  const height = Math.hypot(tx - bx0, ty - by0);
  const angle = (Math.atan2(by1 - by0, bx1 - bx0) * 180) / Math.PI;
  // The box bottom is the descender line; the baseline sits ~0.2 h above it (see textItemBBox).
  const lift = 0.2 * height;
  const rad = (angle * Math.PI) / 180;
  return {
    str: w.text,
    x: bx0 - lift * Math.sin(rad),
    y: by0 + lift * Math.cos(rad),
    width,
    height,
    fontSize: fontSizeOfWordBox(w.text, height),
    angle,
    fontName: 'ocr',
    source: 'ocr',
    confidence: w.confidence,
  };
}

/** Whether the centre of a word's box lies in `box` (page space). */
export function centreIn(item: TextItem, box: BBox): boolean {
  const [x0, y0, x1, y1] = textItemBBox(item);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return cx >= box[0] && cx < box[2] && cy >= box[1] && cy < box[3];
}
