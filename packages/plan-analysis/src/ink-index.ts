import type { Subpath } from './geometry.ts';

/**
 * Spatial index over every straight piece of ink on a page (flattened subpaths), answering
 * "is there ink within `tol` of this point, running in this direction, with this fill?".
 * Flat typed arrays keep large plans (10⁵ pieces) cheap.
 */
export class InkIndex {
  readonly cell: number;
  private readonly x0: Float64Array;
  private readonly y0: Float64Array;
  private readonly x1: Float64Array;
  private readonly y1: Float64Array;
  /** Owning subpath index per piece. */
  readonly owner: Int32Array;
  private readonly grid = new Map<number, number[]>();
  readonly subpaths: readonly Subpath[];

  constructor(subpaths: readonly Subpath[], cell = 6) {
    this.cell = cell;
    this.subpaths = subpaths;
    let n = 0;
    for (const sp of subpaths) n += sp.points.length / 2 - 1;
    this.x0 = new Float64Array(n);
    this.y0 = new Float64Array(n);
    this.x1 = new Float64Array(n);
    this.y1 = new Float64Array(n);
    this.owner = new Int32Array(n);
    let k = 0;
    subpaths.forEach((sp, si) => {
      const p = sp.points;
      for (let i = 2; i < p.length; i += 2) {
        const ax = p[i - 2] ?? 0;
        const ay = p[i - 1] ?? 0;
        const bx = p[i] ?? 0;
        const by = p[i + 1] ?? 0;
        this.x0[k] = ax;
        this.y0[k] = ay;
        this.x1[k] = bx;
        this.y1[k] = by;
        this.owner[k] = si;
        this.insert(k, ax, ay, bx, by);
        k++;
      }
    });
  }

  get size(): number {
    return this.x0.length;
  }

  private key(cx: number, cy: number): number {
    // Cantor-free packing: pages are far smaller than 2^20 cells a side.
    return (cx + 1048576) * 2097152 + (cy + 1048576);
  }

  private insert(k: number, ax: number, ay: number, bx: number, by: number): void {
    const c = this.cell;
    const cx0 = Math.floor(Math.min(ax, bx) / c);
    const cx1 = Math.floor(Math.max(ax, bx) / c);
    const cy0 = Math.floor(Math.min(ay, by) / c);
    const cy1 = Math.floor(Math.max(ay, by) / c);
    // Long pieces (walls) cover many cells; walk only the cells along the segment.
    if ((cx1 - cx0 + 1) * (cy1 - cy0 + 1) > 64) {
      const len = Math.hypot(bx - ax, by - ay);
      const steps = Math.ceil(len / (c / 2));
      let lastKey = Number.NaN;
      for (let i = 0; i <= steps; i++) {
        const t = i / steps;
        const gx = Math.floor((ax + t * (bx - ax)) / c);
        const gy = Math.floor((ay + t * (by - ay)) / c);
        for (let dx = -1; dx <= 1; dx++) {
          for (let dy = -1; dy <= 1; dy++) {
            const key = this.key(gx + dx, gy + dy);
            if (key === lastKey) continue;
            this.addToCell(key, k);
          }
        }
        lastKey = this.key(gx, gy);
      }
      return;
    }
    for (let gx = cx0; gx <= cx1; gx++) {
      for (let gy = cy0; gy <= cy1; gy++) this.addToCell(this.key(gx, gy), k);
    }
  }

  private addToCell(key: number, k: number): void {
    const list = this.grid.get(key);
    if (!list) this.grid.set(key, [k]);
    else if (list[list.length - 1] !== k) list.push(k);
  }

  /** Calls `visit` with each piece index whose cell overlaps the box (a piece may repeat). */
  forEachNear(
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    visit: (k: number) => boolean | undefined,
  ): void {
    const c = this.cell;
    const gx0 = Math.floor(x0 / c);
    const gx1 = Math.floor(x1 / c);
    const gy0 = Math.floor(y0 / c);
    const gy1 = Math.floor(y1 / c);
    for (let gx = gx0; gx <= gx1; gx++) {
      for (let gy = gy0; gy <= gy1; gy++) {
        const list = this.grid.get(this.key(gx, gy));
        if (!list) continue;
        for (const k of list) if (visit(k) === true) return;
      }
    }
  }

  piece(k: number): [number, number, number, number] {
    return [this.x0[k] ?? 0, this.y0[k] ?? 0, this.x1[k] ?? 0, this.y1[k] ?? 0];
  }

  /**
   * True when some piece lies within `tol` of (x, y) and, when (dx, dy) is non-zero, runs in
   * that direction (undirected) within `maxSin`; `accept` filters by owning subpath.
   */
  hasInkNear(
    x: number,
    y: number,
    tol: number,
    dx: number,
    dy: number,
    maxSin: number,
    accept?: (subpathIndex: number) => boolean,
  ): boolean {
    // Hot path of the matcher: plain loops, no closures.
    const dlen = Math.hypot(dx, dy);
    const c = this.cell;
    const gx0 = Math.floor((x - tol) / c);
    const gx1 = Math.floor((x + tol) / c);
    const gy0 = Math.floor((y - tol) / c);
    const gy1 = Math.floor((y + tol) / c);
    // A piece whose box, grown by `tol`, leaves the point out is farther than `tol`: skipped
    // without measuring (the margin covers rounding: the same pieces pass as measured).
    const reach = tol * (1 + 1e-9) + 1e-6;
    for (let gx = gx0; gx <= gx1; gx++) {
      for (let gy = gy0; gy <= gy1; gy++) {
        const list = this.grid.get(this.key(gx, gy));
        if (!list) continue;
        for (let i = 0; i < list.length; i++) {
          const k = list[i] ?? 0;
          const ax = this.x0[k] ?? 0;
          const ay = this.y0[k] ?? 0;
          const bx = this.x1[k] ?? 0;
          const by = this.y1[k] ?? 0;
          if (
            x < Math.min(ax, bx) - reach ||
            x > Math.max(ax, bx) + reach ||
            y < Math.min(ay, by) - reach ||
            y > Math.max(ay, by) + reach
          )
            continue;
          if (distanceToSegment(x, y, ax, ay, bx, by) > tol) continue;
          if (dlen > 0) {
            const px = bx - ax;
            const py = by - ay;
            const plen = Math.hypot(px, py);
            if (plen > 1e-9 && Math.abs(px * dy - py * dx) / (plen * dlen) > maxSin) continue;
          }
          if (accept && !accept(this.owner[k] ?? -1)) continue;
          return true;
        }
      }
    }
    return false;
  }
}

function distanceToSegment(px: number, py: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const ex = px - (x0 + t * dx);
  const ey = py - (y0 + t * dy);
  return Math.sqrt(ex * ex + ey * ey);
}
