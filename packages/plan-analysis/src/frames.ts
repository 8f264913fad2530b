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
  // Four lines meeting at corners (within 1 pt) form a frame. A frame's left side meets the top
  // line's left end and the bottom line's left end, so the bottoms tried for a top are only those
  // starting where a vertical line from that corner ends: lines are looked up by coordinates
  // rounded down (two values within 1 pt fall in the same or a neighbouring bucket). A dense
  // sheet has 10⁴ candidate lines (hatching, dimensions), often of one extent; trying every pair
  // took seconds. Same frames in the same order as the pairwise scan.
  if (hLines.length * vLines.length < 4_000_000) {
    const near = (a: number, b: number) => Math.abs(a - b) <= 1;
    const vByX = new CellIndex<BBox>();
    for (const v of vLines) vByX.add(v[0], 0, v);
    const hByLeftEnd = new CellIndex<number>();
    hLines.forEach((h, j) => {
      hByLeftEnd.add(h[0], h[1], j);
    });
    const hasSide = (x: number, bottom: number, top: number) =>
      vByX.near(x, 0).some((v) => near(v[0], x) && near(v[1], bottom) && near(v[3], top));
    for (const top of hLines) {
      const bottoms = new Set<number>();
      for (const v of vByX.near(top[0], 0)) {
        if (!near(v[0], top[0]) || !near(v[3], top[1])) continue;
        for (const j of hByLeftEnd.near(top[0], v[1])) bottoms.add(j);
      }
      for (const j of [...bottoms].sort((a, b) => a - b)) {
        const bottom = hLines[j];
        if (!bottom || bottom[1] >= top[1] - minSize) continue;
        if (!near(top[0], bottom[0]) || !near(top[2], bottom[2])) continue;
        if (hasSide(top[0], bottom[1], top[1]) && hasSide(top[2], bottom[1], top[1]))
          frames.push([top[0], bottom[1], top[2], top[1]]);
      }
    }
  }
  return frames;
}

/**
 * Items by a point rounded down to whole points: `near(x, y)` gives every item whose point is
 * within 1 of (x, y) on each axis (and possibly a few more). Non-finite points are near nothing.
 */
class CellIndex<T> {
  private readonly cells = new Map<string, T[]>();

  add(x: number, y: number, item: T): void {
    const gx = Math.floor(x);
    const gy = Math.floor(y);
    if (!Number.isFinite(gx) || !Number.isFinite(gy)) return;
    const key = `${gx},${gy}`;
    const list = this.cells.get(key);
    if (list) list.push(item);
    else this.cells.set(key, [item]);
  }

  near(x: number, y: number): T[] {
    const gx = Math.floor(x);
    const gy = Math.floor(y);
    if (!Number.isFinite(gx) || !Number.isFinite(gy)) return [];
    const out: T[] = [];
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++) {
        const list = this.cells.get(`${gx + dx},${gy + dy}`);
        if (list) for (const item of list) out.push(item);
      }
    return out;
  }
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
