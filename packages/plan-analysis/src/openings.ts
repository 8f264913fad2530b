import type { Subpath } from './geometry.ts';

/** A straight line added to the walls to close an opening, in page units. */
export type Closure = {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** `header`: a dashed line drawn across the opening; `jamb`: wall ends facing each other. */
  kind: 'header' | 'jamb';
};

/** The free end of a straight run of wall ink, with the direction it points to. */
type WallEnd = { x: number; y: number; dx: number; dy: number; run: number };

/**
 * Lines that close the openings of a floor plan (doors, cased openings, gaps in exterior walls),
 * so that each room becomes an enclosed region.
 *
 * - A dashed straight line that a wall carries on across a gap (a wall run stops at each of its
 *   ends, in line with it) is a header drawn across an opening.
 * - Two straight runs of wall ink on one line, whose free ends face each other across open space
 *   no wider than `maxGapPt`, are the jambs of one opening when both faces of the wall do so
 *   (double-line walls, poché outlines), at any angle: the lines between the ends close it. A
 *   wall that meets another one (a T, a corner, a partition drawn a little into a corridor) has
 *   no free end there, so walls on either side of a corridor never close it; nor does a gap that
 *   other wall ink crosses. Single-line walls are closed by their door swings only
 *   (`findDoorSwings`).
 *
 * Pure geometry: `isWall(x, y)` answers whether the wall network covers a point.
 */
export function findOpeningClosures(args: {
  walls: readonly Subpath[];
  dashed: readonly Subpath[];
  isWall: (x: number, y: number) => boolean;
  maxGapPt: number;
  /** Thickest wall expected, in points: how far a header may lie from the wall faces it joins. */
  maxWallPt: number;
  /** Distance under which points count as touching (≈ the raster cell). */
  tolerancePt: number;
}): Closure[] {
  const { isWall, maxGapPt, tolerancePt: tol } = args;
  const closures: Closure[] = [];

  // Ends of straight runs of wall ink.
  const ends: WallEnd[] = [];
  for (const sp of args.walls) {
    for (const [x0, y0, x1, y1] of straightRuns(sp.points)) {
      const len = Math.hypot(x1 - x0, y1 - y0);
      if (len < tol) continue;
      const dx = (x1 - x0) / len;
      const dy = (y1 - y0) / len;
      // Pieces filtered out of the wall network (furniture, fixtures) do not count.
      if (!isWall((x0 + x1) / 2, (y0 + y1) / 2)) continue;
      ends.push({ x: x1, y: y1, dx, dy, run: len });
      ends.push({ x: x0, y: y0, dx: -dx, dy: -dy, run: len });
    }
  }

  // Headers: a dashed run that carries a wall on across a gap — at each of its ends a parallel
  // wall run stops, pointing at the gap, within a wall's thickness of the dashed line (and no
  // farther from it than the run is long: the cap across a wall's end is no wall face). A dashed
  // line between two walls that meet it square (a shelf, an overhead cabinet) is no header.
  const wallStopsAt = (x: number, y: number, dx: number, dy: number, span: number) =>
    ends.some((w) => {
      if (w.dx * dx + w.dy * dy < 0.995) return false;
      const vx = w.x - x;
      const vy = w.y - y;
      const offset = Math.abs(vx * dy - vy * dx);
      return (
        Math.abs(vx * dx + vy * dy) <= 2 * tol &&
        offset <= Math.max(2 * tol, Math.min(0.5 * span, args.maxWallPt)) &&
        offset <= Math.max(2 * tol, w.run)
      );
    });
  for (const sp of args.dashed) {
    if (sp.curved) continue;
    for (const [x0, y0, x1, y1] of straightRuns(sp.points)) {
      const len = Math.hypot(x1 - x0, y1 - y0);
      if (len < 2 * tol) continue;
      const dx = (x1 - x0) / len;
      const dy = (y1 - y0) / len;
      if (wallStopsAt(x0, y0, dx, dy, len) && wallStopsAt(x1, y1, -dx, -dy, len))
        closures.push({ x0, y0, x1, y1, kind: 'header' });
    }
  }

  // Jambs. An end is free when the wall does not go on beyond it.
  const free = ends.filter((e) => !isWall(e.x + e.dx * 1.5 * tol, e.y + e.dy * 1.5 * tol));
  // Bucket ends by position for the partner search.
  const bucket = Math.max(maxGapPt, 4 * tol);
  const grid = new Map<string, WallEnd[]>();
  const key = (x: number, y: number) => `${Math.floor(x / bucket)},${Math.floor(y / bucket)}`;
  for (const e of free) {
    const k = key(e.x, e.y);
    const list = grid.get(k);
    if (list) list.push(e);
    else grid.set(k, [e]);
  }
  const done = new Set<string>();
  const candidates: Candidate[] = [];
  for (const e of free) {
    let best: WallEnd | null = null;
    let bestGap = Number.POSITIVE_INFINITY;
    const bx = Math.floor(e.x / bucket);
    const by = Math.floor(e.y / bucket);
    for (let i = -1; i <= 1; i++) {
      for (let j = -1; j <= 1; j++) {
        for (const f of grid.get(`${bx + i},${by + j}`) ?? []) {
          // Facing each other, on one line, across a gap of the right size.
          if (e.dx * f.dx + e.dy * f.dy > -0.995) continue;
          const vx = f.x - e.x;
          const vy = f.y - e.y;
          const gap = vx * e.dx + vy * e.dy;
          if (gap < 2 * tol || gap > maxGapPt || gap >= bestGap) continue;
          if (Math.abs(vx * e.dy - vy * e.dx) > tol) continue;
          best = f;
          bestGap = gap;
        }
      }
    }
    if (!best) continue;
    const id = [e.x, e.y, best.x, best.y].map((v) => v.toFixed(2));
    const pairKey =
      e.x < best.x || (e.x === best.x && e.y < best.y)
        ? id.join()
        : [...id.slice(2), ...id.slice(0, 2)].join();
    if (done.has(pairKey)) continue;
    // The gap itself must be open: no wall ink across it (away from the jambs, where a door leaf
    // is hinged).
    const steps = Math.ceil(bestGap / (tol / 2));
    let open = true;
    for (let k = 0; k <= steps && open; k++) {
      const t = k / steps;
      const along = t * bestGap;
      if (along < 1.5 * tol || along > bestGap - 1.5 * tol) continue;
      if (isWall(e.x + t * (best.x - e.x), e.y + t * (best.y - e.y))) open = false;
    }
    if (!open) continue;
    done.add(pairKey);
    candidates.push({ e, f: best, gap: bestGap });
  }
  // A jamb is the end of a wall with two faces: both faces close the same opening (two parallel
  // closures, as far apart as a wall is thick, not as a door is wide). Furniture edges aligned
  // by chance (racks, counters) and caps across a wall's thickness have no such twin.
  // Single-line walls are left to their door swings.
  const twinOf = (a: Candidate, b: Candidate): boolean => {
    if (a === b || Math.abs(a.gap - b.gap) > 2 * tol) return false;
    if (Math.abs(a.e.dx * b.e.dx + a.e.dy * b.e.dy) < 0.995) return false;
    // Offset of b's line from a's, across and along.
    const ox = b.e.x - a.e.x;
    const oy = b.e.y - a.e.y;
    const across = Math.abs(ox * a.e.dy - oy * a.e.dx);
    const along = ox * a.e.dx + oy * a.e.dy;
    const alongAligned = Math.min(Math.abs(along), Math.abs(along - a.gap * Math.sign(along || 1)));
    return across >= tol / 2 && across <= 0.6 * a.gap && alongAligned <= 2 * tol;
  };
  // A wall that runs through another one and stops just past it (a partition drawn into a
  // corridor's wall) ends at a junction, not at an opening: a line crosses its run near the end.
  const crossedNearEnd = (e: WallEnd, gap: number): boolean => {
    const reach = Math.min(0.35 * gap, e.run - tol);
    for (let s = 2 * tol; s <= reach; s += tol / 2) {
      const px = e.x - e.dx * s;
      const py = e.y - e.dy * s;
      const ox = -e.dy * 1.5 * tol;
      const oy = e.dx * 1.5 * tol;
      if (isWall(px + ox, py + oy) && isWall(px - ox, py - oy)) return true;
    }
    return false;
  };
  const accepted = candidates.filter((c) => !crossedNearEnd(c.e, c.gap) && !crossedNearEnd(c.f, c.gap));
  for (const c of accepted) {
    if (accepted.some((o) => twinOf(c, o)))
      closures.push({ x0: c.e.x, y0: c.e.y, x1: c.f.x, y1: c.f.y, kind: 'jamb' });
  }
  return closures;
}

type Candidate = { e: WallEnd; f: WallEnd; gap: number };

/** A door drawn as a swing arc around its hinge, with the leaf when it could be told apart. */
export type DoorSwing = {
  /** Hinge: the arc's centre. */
  cx: number;
  cy: number;
  radius: number;
  /** Arc ends: one is the leaf's free end (door open), the other the latch jamb (door shut). */
  ends: [[number, number], [number, number]];
  /** Index in `ends` of the latch end; null when no leaf line says which end is which. */
  latch: 0 | 1 | null;
  /** Straight subpaths that only draw the leaf: not walls. */
  leaves: Subpath[];
};

/**
 * Door swings: curved subpaths that are arcs of 45–120° around a point, with a radius in
 * `[minRadius, maxRadius]`. The leaf is a straight line from the centre to one arc end, drawn
 * in the same subpath or on its own; the other arc end is where the door shuts, so the opening
 * runs from the hinge to it whatever way the door swings or the sheet is turned.
 */
export function findDoorSwings(args: {
  curved: readonly Subpath[];
  straight: readonly Subpath[];
  minRadius: number;
  maxRadius: number;
  tolerancePt: number;
}): DoorSwing[] {
  const { tolerancePt: tol } = args;
  const doors: DoorSwing[] = [];
  for (const sp of args.curved) {
    const arc = fitArc(sp.points, tol);
    if (!arc || arc.radius < args.minRadius || arc.radius > args.maxRadius) continue;
    if (arc.sweep < 45 || arc.sweep > 120) continue;
    const { cx, cy, radius, ends } = arc;
    const near = (x: number, y: number, p: readonly [number, number]) =>
      Math.hypot(x - p[0], y - p[1]) <= 2 * tol;
    // Which arc end has a straight line running to the hinge?
    const leafTo = (runs: readonly [number, number, number, number][]): 0 | 1 | null => {
      for (const [x0, y0, x1, y1] of runs) {
        for (const k of [0, 1] as const) {
          const e = ends[k];
          if ((near(x0, y0, [cx, cy]) && near(x1, y1, e)) || (near(x1, y1, [cx, cy]) && near(x0, y0, e)))
            return k;
        }
      }
      return null;
    };
    let leafEnd = leafTo(
      straightRuns(sp.points).filter(([x0, y0, x1, y1]) => Math.hypot(x1 - x0, y1 - y0) > 0.7 * radius),
    );
    const leaves: Subpath[] = [];
    if (leafEnd === null) {
      for (const other of args.straight) {
        const b = other.bbox;
        // Leaves are small: within the swing's circle, no longer than a thin rectangle.
        if (b[0] < cx - radius - 2 * tol || b[2] > cx + radius + 2 * tol) continue;
        if (b[1] < cy - radius - 2 * tol || b[3] > cy + radius + 2 * tol) continue;
        if (other.length > 2.5 * radius + 8 * tol) continue;
        const k = leafTo(straightRuns(other.points));
        if (k === null) continue;
        leafEnd = k;
        leaves.push(other);
      }
    }
    doors.push({ cx, cy, radius, ends, latch: leafEnd === null ? null : leafEnd === 0 ? 1 : 0, leaves });
  }
  return doors;
}

/**
 * The circle arc a polyline draws, if most of its points (≥ 70 %) lie on one circle centred on
 * the polyline's first point, its last point, or the circumcentre of its first, middle and last
 * points (a bare arc). Returns the arc's ends and sweep in degrees.
 */
export function fitArc(
  points: readonly number[],
  tol: number,
): {
  cx: number;
  cy: number;
  radius: number;
  ends: [[number, number], [number, number]];
  sweep: number;
} | null {
  const n = points.length / 2;
  if (n < 4) return null;
  const pt = (i: number): [number, number] => [points[2 * i] ?? 0, points[2 * i + 1] ?? 0];
  const candidates: [number, number][] = [pt(0), pt(n - 1)];
  const cc = circumcentre(pt(0), pt(Math.floor(n / 2)), pt(n - 1));
  if (cc) candidates.push(cc);
  for (const [cx, cy] of candidates) {
    const dists: number[] = [];
    for (let i = 0; i < n; i++) {
      const [x, y] = pt(i);
      dists.push(Math.hypot(x - cx, y - cy));
    }
    const sorted = [...dists].sort((a, b) => a - b);
    const radius = sorted[Math.floor(n / 2)] ?? 0;
    if (radius < 2 * tol) continue;
    const on: number[] = [];
    dists.forEach((d, i) => {
      if (Math.abs(d - radius) <= Math.max(tol / 2, 0.02 * radius)) on.push(i);
    });
    if (on.length < Math.max(4, 0.7 * n)) continue;
    // The arc's points are consecutive; its ends are the first and last of them.
    const first = on[0] ?? 0;
    const last = on[on.length - 1] ?? 0;
    let sweep = 0;
    for (let k = 1; k < on.length; k++) {
      const [ax, ay] = pt(on[k - 1] ?? 0);
      const [bx, by] = pt(on[k] ?? 0);
      let d = Math.atan2(by - cy, bx - cx) - Math.atan2(ay - cy, ax - cx);
      while (d > Math.PI) d -= 2 * Math.PI;
      while (d < -Math.PI) d += 2 * Math.PI;
      sweep += d;
    }
    return { cx, cy, radius, ends: [pt(first), pt(last)], sweep: Math.abs((sweep * 180) / Math.PI) };
  }
  return null;
}

function circumcentre(
  a: readonly [number, number],
  b: readonly [number, number],
  c: readonly [number, number],
): [number, number] | null {
  const d = 2 * (a[0] * (b[1] - c[1]) + b[0] * (c[1] - a[1]) + c[0] * (a[1] - b[1]));
  if (Math.abs(d) < 1e-9) return null;
  const a2 = a[0] * a[0] + a[1] * a[1];
  const b2 = b[0] * b[0] + b[1] * b[1];
  const c2 = c[0] * c[0] + c[1] * c[1];
  return [
    (a2 * (b[1] - c[1]) + b2 * (c[1] - a[1]) + c2 * (a[1] - b[1])) / d,
    (a2 * (c[0] - b[0]) + b2 * (a[0] - c[0]) + c2 * (b[0] - a[0])) / d,
  ];
}

/**
 * Splits a polyline (x0 y0 x1 y1 …) into straight runs: consecutive edges that keep their
 * direction (within ~1.5°) are one run.
 */
export function straightRuns(points: readonly number[]): [number, number, number, number][] {
  const runs: [number, number, number, number][] = [];
  const n = points.length / 2;
  if (n < 2) return runs;
  let sx = points[0] ?? 0;
  let sy = points[1] ?? 0;
  let dirX = 0;
  let dirY = 0;
  let px = sx;
  let py = sy;
  for (let i = 1; i < n; i++) {
    const x = points[2 * i] ?? 0;
    const y = points[2 * i + 1] ?? 0;
    const len = Math.hypot(x - px, y - py);
    if (len < 1e-9) continue;
    const ux = (x - px) / len;
    const uy = (y - py) / len;
    if ((dirX !== 0 || dirY !== 0) && ux * dirX + uy * dirY < 0.9997) {
      runs.push([sx, sy, px, py]);
      sx = px;
      sy = py;
    }
    dirX = ux;
    dirY = uy;
    px = x;
    py = y;
  }
  if (px !== sx || py !== sy) runs.push([sx, sy, px, py]);
  return runs;
}
