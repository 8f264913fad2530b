import type { Subpath } from './geometry.ts';
import { bboxArea, bboxContains } from './geometry.ts';
import type { BBox } from './primitives.ts';

/** True when the subpath is an axis-aligned rectangle outline (`re`, or four straight edges). */
export function isAxisRectangle(sp: Subpath): boolean {
  if (sp.curved) return false;
  const p = sp.points;
  const n = p.length / 2;
  if (n < 4 || n > 6) return false;
  const [x0, y0, x1, y1] = sp.bbox;
  const eps = Math.max(0.5, 0.01 * Math.max(x1 - x0, y1 - y0));
  for (let i = 0; i < p.length; i += 2) {
    const x = p[i] ?? 0;
    const y = p[i + 1] ?? 0;
    const onX = Math.abs(x - x0) <= eps || Math.abs(x - x1) <= eps;
    const onY = Math.abs(y - y0) <= eps || Math.abs(y - y1) <= eps;
    if (!onX || !onY) return false;
  }
  return sp.closed || n === 5;
}

/**
 * Rectangles drawn on the page that can frame a block (legend, title block, schedule): axis
 * rectangles from `re` or closed polylines, and rectangles assembled from four separate
 * stroked lines (common in CAD exports). Small rectangles (< `minSize` points a side) are left out.
 */
export function findFrames(subpaths: readonly Subpath[], minSize = 20): BBox[] {
  const frames: BBox[] = [];
  const hLines: BBox[] = [];
  const vLines: BBox[] = [];
  for (const sp of subpaths) {
    const [x0, y0, x1, y1] = sp.bbox;
    const w = x1 - x0;
    const h = y1 - y0;
    if (isAxisRectangle(sp)) {
      if (w >= minSize && h >= minSize) frames.push(sp.bbox);
      else if (w >= minSize) {
        // A thin band (a table's shaded heading row) lends its long edges to a frame drawn
        // otherwise as separate lines: the band's top is then the table's top.
        hLines.push([x0, y1, x1, y1], [x0, y0, x1, y0]);
      } else if (h >= minSize) vLines.push([x0, y0, x0, y1], [x1, y0, x1, y1]);
      continue;
    }
    if (sp.curved || sp.points.length !== 4) continue;
    if (h <= 0.5 && w >= minSize) hLines.push(sp.bbox);
    else if (w <= 0.5 && h >= minSize) vLines.push(sp.bbox);
  }
  // Four lines meeting at corners (within 1 pt) form a frame.
  if (hLines.length * vLines.length < 4_000_000) {
    const near = (a: number, b: number) => Math.abs(a - b) <= 1;
    for (let i = 0; i < hLines.length; i++) {
      const top = hLines[i];
      if (!top) continue;
      for (let j = 0; j < hLines.length; j++) {
        const bottom = hLines[j];
        if (!bottom || bottom[1] >= top[1] - minSize) continue;
        if (!near(top[0], bottom[0]) || !near(top[2], bottom[2])) continue;
        const hasSide = (x: number) =>
          vLines.some((v) => near(v[0], x) && near(v[1], bottom[1]) && near(v[3], top[1]));
        if (hasSide(top[0]) && hasSide(top[2])) frames.push([top[0], bottom[1], top[2], top[1]]);
      }
    }
  }
  return frames;
}

/**
 * The smallest frame containing `box` whose area stays under `maxArea` (a frame that large is
 * the sheet border, not a block frame).
 */
export function smallestEnclosingFrame(
  frames: readonly BBox[],
  box: BBox,
  maxArea: number,
  minArea = 0,
): BBox | null {
  let best: BBox | null = null;
  for (const f of frames) {
    const area = bboxArea(f);
    if (area > maxArea || area < minArea) continue;
    if (!bboxContains(f, box, 0.5)) continue;
    if (!best || area < bboxArea(best)) best = f;
  }
  return best;
}
