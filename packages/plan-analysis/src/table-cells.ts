import type { Subpath } from './geometry.ts';
import type { BBox } from './primitives.ts';

/**
 * Symbols found in the cells of a table on a scan. A scan's schedule is ink like its drawing: its
 * grid is traced, and the letters and digits of the words OCR misread (or read with too little
 * confidence to be left out) are traced too, where the matcher takes them for symbols ("O" for a
 * luminaire, "8" for a fan). A drawing's symbol never fills the height of a closed rectangle: a
 * room, even a closet, is several symbols across, while a table cell is one line of text high.
 */

/** A cell no higher (shorter side) than this many times the symbol's size is a table's. */
const CELL_HEIGHT_PER_SYMBOL = 1.6;

/** A loop whose area is this share of its box's is a rectangle (square to the page). */
const RECTANGLE_FILL = 0.9;

/** Cells of one row (column) share their top and bottom (sides) within this share of their height. */
const ALIGNED = 0.15;

/**
 * `matches` without those lying in a table cell: a closed rectangular loop, square to the page,
 * holding the match's box, whose shorter side is less than 1.6 times the match's size (see
 * above), with two more such rectangles in its row or its column (a table is a grid; a cabinet
 * drawn around a light, or the box of a heater's own symbol, stands alone). Meant for outlines
 * traced from a scan only (`traceScan`): a vector sheet's tables hold text, not ink.
 */
export function withoutTableCellMatches<M extends { bbox: BBox }>(
  matches: readonly M[],
  subpaths: readonly Subpath[],
): M[] {
  if (matches.length === 0) return [];
  const cells = tableCells(subpaths);
  return matches.filter((m) => {
    const size = Math.max(m.bbox[2] - m.bbox[0], m.bbox[3] - m.bbox[1]);
    return !cells.some(
      ([x0, y0, x1, y1]) =>
        Math.min(x1 - x0, y1 - y0) < CELL_HEIGHT_PER_SYMBOL * size &&
        m.bbox[0] >= x0 &&
        m.bbox[1] >= y0 &&
        m.bbox[2] <= x1 &&
        m.bbox[3] <= y1,
    );
  });
}

/** The boxes of the rectangular loops with at least two others in their row or column. */
function tableCells(subpaths: readonly Subpath[]): BBox[] {
  const rects = subpaths
    .filter((sp) => sp.closed && Math.abs(loopArea(sp.points)) >= RECTANGLE_FILL * boxArea(sp.bbox))
    .map((sp) => sp.bbox)
    .filter((b) => b[2] > b[0] && b[3] > b[1]);
  // Rectangles by their bottom (rows) and by their left side (columns), in 1 pt bins.
  const byBottom = new Map<number, BBox[]>();
  const byLeft = new Map<number, BBox[]>();
  for (const b of rects) {
    const add = (map: Map<number, BBox[]>, key: number) => map.set(key, [...(map.get(key) ?? []), b]);
    add(byBottom, Math.round(b[1]));
    add(byLeft, Math.round(b[0]));
  }
  const near = (map: Map<number, BBox[]>, v: number, tol: number): BBox[] => {
    const out: BBox[] = [];
    for (let k = Math.floor(v - tol); k <= Math.ceil(v + tol); k++) out.push(...(map.get(k) ?? []));
    return out;
  };
  return rects.filter((b) => {
    const h = b[3] - b[1];
    const w = b[2] - b[0];
    const tol = ALIGNED * Math.min(w, h);
    const inRow = near(byBottom, b[1], tol).filter(
      (o) => o !== b && Math.abs(o[1] - b[1]) <= tol && Math.abs(o[3] - b[3]) <= tol,
    );
    const inColumn = near(byLeft, b[0], tol).filter(
      (o) => o !== b && Math.abs(o[0] - b[0]) <= tol && Math.abs(o[2] - b[2]) <= tol,
    );
    return inRow.length >= 2 || inColumn.length >= 2;
  });
}

function boxArea(b: BBox): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}

/** Shoelace area of a flattened polyline x0 y0 x1 y1 … (closed or not). */
function loopArea(points: readonly number[]): number {
  let area = 0;
  const n = Math.floor(points.length / 2);
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    area += (points[2 * i] ?? 0) * (points[2 * j + 1] ?? 0) - (points[2 * j] ?? 0) * (points[2 * i + 1] ?? 0);
  }
  return area / 2;
}
