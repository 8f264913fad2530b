import type { BBox } from './primitives.ts';

/**
 * Uniform grids for "what is near this?" questions asked once per candidate on a dense sheet
 * (hundreds of thousands of subpaths, tens of thousands of candidate symbols): each question looks
 * at a few cells instead of at every earlier answer, which made matching quadratic.
 */

/**
 * The map key of cell (gx, gy). Numbers, not strings: a dense sheet asks millions of times, and
 * string keys made most of the garbage. Far-off cells (beyond ±2^20) may share a key; that only
 * adds items to a visit, whose callers test each item exactly.
 */
function cellKey(gx: number, gy: number): number {
  return gx * 2097152 + gy;
}

/** Items stored under every cell their box covers; boxes covering too many cells are kept aside. */
export class BoxGrid<T> {
  private readonly cells = new Map<number, T[]>();
  /** Items whose box spans more than `MAX_CELLS` cells: every query visits them. */
  private readonly large: T[] = [];
  private static readonly MAX_CELLS = 1024;

  constructor(private readonly cell: number) {
    if (!(cell > 0) || !Number.isFinite(cell)) throw new Error(`grid cell must be > 0, got ${cell}`);
  }

  insert(box: BBox, item: T): void {
    const [gx0, gy0, gx1, gy1] = this.range(box);
    if (!((gx1 - gx0 + 1) * (gy1 - gy0 + 1) <= BoxGrid.MAX_CELLS)) {
      this.large.push(item);
      return;
    }
    for (let gx = gx0; gx <= gx1; gx++)
      for (let gy = gy0; gy <= gy1; gy++) {
        const key = cellKey(gx, gy);
        const list = this.cells.get(key);
        if (list) list.push(item);
        else this.cells.set(key, [item]);
      }
  }

  /**
   * Calls `visit` with every item whose cells meet `box`'s (and every large item), possibly more
   * than once per item, until it returns true; says whether one did.
   */
  some(box: BBox, visit: (item: T) => boolean): boolean {
    for (const item of this.large) if (visit(item)) return true;
    const [gx0, gy0, gx1, gy1] = this.range(box);
    if (!((gx1 - gx0 + 1) * (gy1 - gy0 + 1) <= BoxGrid.MAX_CELLS)) {
      // A query wider than the grid is meant for: visit every stored item.
      for (const list of this.cells.values()) for (const item of list) if (visit(item)) return true;
      return false;
    }
    for (let gx = gx0; gx <= gx1; gx++)
      for (let gy = gy0; gy <= gy1; gy++) {
        const list = this.cells.get(cellKey(gx, gy));
        if (list) for (const item of list) if (visit(item)) return true;
      }
    return false;
  }

  private range(box: BBox): [number, number, number, number] {
    const c = this.cell;
    return [Math.floor(box[0] / c), Math.floor(box[1] / c), Math.floor(box[2] / c), Math.floor(box[3] / c)];
  }
}

/**
 * Points by insertion index, for "the first point within ±tol of (x, y)" with `tol` ≤ the cell
 * size (so only the 3 × 3 cells around the point can hold one). Points may move.
 */
export class PointGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly xs: number[] = [];
  private readonly ys: number[] = [];

  constructor(private readonly cell: number) {
    if (!(cell > 0) || !Number.isFinite(cell)) throw new Error(`grid cell must be > 0, got ${cell}`);
  }

  /** Adds a point; returns its index. */
  add(x: number, y: number): number {
    const i = this.xs.length;
    this.xs.push(x);
    this.ys.push(y);
    this.cellOf(x, y).push(i);
    return i;
  }

  move(i: number, x: number, y: number): void {
    const list = this.cellOf(this.xs[i] ?? Number.NaN, this.ys[i] ?? Number.NaN);
    const at = list.indexOf(i);
    if (at >= 0) list.splice(at, 1);
    this.xs[i] = x;
    this.ys[i] = y;
    this.cellOf(x, y).push(i);
  }

  /** The smallest index of a point with |dx| < tol and |dy| < tol, or -1 (`tol` ≤ cell). */
  firstWithin(x: number, y: number, tol: number): number {
    if (tol > this.cell) throw new Error(`tolerance ${tol} exceeds the grid cell ${this.cell}`);
    const gx = Math.floor(x / this.cell);
    const gy = Math.floor(y / this.cell);
    let best = -1;
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++) {
        const list = this.cells.get(cellKey(gx + dx, gy + dy));
        if (!list) continue;
        for (const i of list)
          if (
            (best < 0 || i < best) &&
            Math.abs((this.xs[i] ?? Number.NaN) - x) < tol &&
            Math.abs((this.ys[i] ?? Number.NaN) - y) < tol
          )
            best = i;
      }
    return best;
  }

  private cellOf(x: number, y: number): number[] {
    const key = cellKey(Math.floor(x / this.cell), Math.floor(y / this.cell));
    let list = this.cells.get(key);
    if (!list) {
      list = [];
      this.cells.set(key, list);
    }
    return list;
  }
}
