import type { BBox, PathPrimitive } from './primitives.ts';

/**
 * One continuous pen stroke (a subpath, from one moveTo to the next) flattened into a polyline.
 * Subpaths, not whole paths, are the unit of analysis: some exporters batch every line of a pen
 * into a single path, but a subpath stays one continuous piece of one drawing entity.
 */
export type Subpath = {
  /** Flattened points, x0 y0 x1 y1 … (closing point repeated when closed). */
  points: number[];
  closed: boolean;
  filled: boolean;
  stroked: boolean;
  dashed: boolean;
  /** Colours of the source path (`#rrggbb`). */
  strokeColor: string;
  fillColor: string;
  /** Contains curve segments (before flattening). */
  curved: boolean;
  bbox: BBox;
  /** Index of the source path in `ExtractedPage.paths`. */
  pathIndex: number;
  /** Polyline length in points. */
  length: number;
};

/** Number of chords used for one cubic Bézier: enough for matching, cheap for big curves. */
function bezierSteps(x0: number, y0: number, x3: number, y3: number, ctrlLen: number): number {
  const chord = Math.hypot(x3 - x0, y3 - y0);
  const approx = (chord + ctrlLen) / 2;
  return Math.max(4, Math.min(24, Math.ceil(approx / 2)));
}

/** Flattens the paths of a page into subpaths. Degenerate subpaths (a lone moveTo) are dropped. */
export function flattenPaths(paths: readonly PathPrimitive[]): Subpath[] {
  const out: Subpath[] = [];
  paths.forEach((path, pathIndex) => {
    let pts: number[] = [];
    let curved = false;
    let closed = false;
    let startX = 0;
    let startY = 0;
    const flush = () => {
      if (pts.length >= 4) out.push(makeSubpath(pts, closed, curved, path, pathIndex));
      pts = [];
      curved = false;
      closed = false;
    };
    for (const seg of path.segments) {
      switch (seg.op) {
        case 'moveTo':
          flush();
          pts = [seg.x, seg.y];
          startX = seg.x;
          startY = seg.y;
          break;
        case 'lineTo':
          if (pts.length === 0) pts = [startX, startY];
          pts.push(seg.x, seg.y);
          break;
        case 'curveTo': {
          if (pts.length === 0) pts = [startX, startY];
          const x0 = pts[pts.length - 2] ?? startX;
          const y0 = pts[pts.length - 1] ?? startY;
          const ctrl =
            Math.hypot(seg.x1 - x0, seg.y1 - y0) +
            Math.hypot(seg.x2 - seg.x1, seg.y2 - seg.y1) +
            Math.hypot(seg.x - seg.x2, seg.y - seg.y2);
          const n = bezierSteps(x0, y0, seg.x, seg.y, ctrl);
          for (let i = 1; i <= n; i++) {
            const t = i / n;
            const u = 1 - t;
            const a = u * u * u;
            const b = 3 * u * u * t;
            const c = 3 * u * t * t;
            const d = t * t * t;
            pts.push(
              a * x0 + b * seg.x1 + c * seg.x2 + d * seg.x,
              a * y0 + b * seg.y1 + c * seg.y2 + d * seg.y,
            );
          }
          curved = true;
          break;
        }
        case 'closePath': {
          if (pts.length >= 4) {
            const lx = pts[pts.length - 2] ?? startX;
            const ly = pts[pts.length - 1] ?? startY;
            if (Math.abs(lx - startX) > 1e-6 || Math.abs(ly - startY) > 1e-6) pts.push(startX, startY);
            closed = true;
          }
          const keepX = startX;
          const keepY = startY;
          flush();
          // After closePath the current point is the subpath start.
          startX = keepX;
          startY = keepY;
          break;
        }
      }
    }
    flush();
  });
  return out;
}

function makeSubpath(
  pts: number[],
  closed: boolean,
  curved: boolean,
  path: PathPrimitive,
  pathIndex: number,
): Subpath {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  let length = 0;
  for (let i = 0; i < pts.length; i += 2) {
    const x = pts[i] ?? 0;
    const y = pts[i + 1] ?? 0;
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
    if (i >= 2) length += Math.hypot(x - (pts[i - 2] ?? 0), y - (pts[i - 1] ?? 0));
  }
  // A subpath whose last point returns to its start is closed even without closePath.
  const first = [pts[0] ?? 0, pts[1] ?? 0];
  const last = [pts[pts.length - 2] ?? 0, pts[pts.length - 1] ?? 0];
  const size = Math.max(x1 - x0, y1 - y0);
  const returns =
    Math.hypot((first[0] ?? 0) - (last[0] ?? 0), (first[1] ?? 0) - (last[1] ?? 0)) <= 1e-3 * size + 1e-6;
  return {
    // A copy at its exact length: `pts` grew by `push` and has room for ~19 numbers, while most
    // subpaths of a dense sheet (hatching) hold 4; 10⁶ of them kept ~150 MB of spare room.
    points: pts.slice(),
    closed: closed || (pts.length >= 8 && returns),
    filled: path.fill,
    stroked: path.stroke,
    dashed: path.dashed,
    strokeColor: path.strokeColor,
    fillColor: path.fillColor,
    curved,
    bbox: sameBox(path.bbox, x0, y0, x1, y1) ? path.bbox : [x0, y0, x1, y1],
    pathIndex,
    length,
  };
}

/**
 * A path of one straight stroke has its subpath's box: the subpath then shares the path's array
 * rather than holding a copy (80 bytes; 10⁶ one-stroke paths on some CAD sheets). Boxes are
 * never changed in place, so sharing is safe.
 */
function sameBox(b: BBox, x0: number, y0: number, x1: number, y1: number): boolean {
  return Object.is(b[0], x0) && Object.is(b[1], y0) && Object.is(b[2], x1) && Object.is(b[3], y1);
}

// ---------------------------------------------------------------------------------------------
// Boxes

export function bboxWidth(b: BBox): number {
  return b[2] - b[0];
}

export function bboxHeight(b: BBox): number {
  return b[3] - b[1];
}

export function bboxCenter(b: BBox): [number, number] {
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
}

export function bboxArea(b: BBox): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}

export function unionBBoxes(boxes: readonly BBox[]): BBox | null {
  if (boxes.length === 0) return null;
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const b of boxes) {
    x0 = Math.min(x0, b[0]);
    y0 = Math.min(y0, b[1]);
    x1 = Math.max(x1, b[2]);
    y1 = Math.max(y1, b[3]);
  }
  return [x0, y0, x1, y1];
}

export function expandBBox(b: BBox, margin: number): BBox {
  return [b[0] - margin, b[1] - margin, b[2] + margin, b[3] + margin];
}

export function intersectBBox(a: BBox, b: BBox): BBox | null {
  const x0 = Math.max(a[0], b[0]);
  const y0 = Math.max(a[1], b[1]);
  const x1 = Math.min(a[2], b[2]);
  const y1 = Math.min(a[3], b[3]);
  return x0 <= x1 && y0 <= y1 ? [x0, y0, x1, y1] : null;
}

export function bboxContainsPoint(b: BBox, x: number, y: number, margin = 0): boolean {
  return x >= b[0] - margin && x <= b[2] + margin && y >= b[1] - margin && y <= b[3] + margin;
}

/** `inner` lies inside `outer` (with `margin` slack). */
export function bboxContains(outer: BBox, inner: BBox, margin = 0): boolean {
  return (
    inner[0] >= outer[0] - margin &&
    inner[1] >= outer[1] - margin &&
    inner[2] <= outer[2] + margin &&
    inner[3] <= outer[3] + margin
  );
}

// ---------------------------------------------------------------------------------------------
// The dihedral group D4: the 8 symmetries of the square (4 rotations × optional mirror).

/**
 * A linear map [a, b, c, d]: x' = a·x + c·y, y' = b·x + d·y, with integer entries in {-1, 0, 1}
 * for the 8 square symmetries (`turnedOp` builds the same shape for any angle).
 */
export type D4 = { m: [number, number, number, number]; rotation: number; mirrored: boolean };

export const D4_OPS: readonly D4[] = [0, 90, 180, 270].flatMap((rotation) => {
  const r = (rotation * Math.PI) / 180;
  const cos = Math.round(Math.cos(r));
  const sin = Math.round(Math.sin(r));
  // Rotation R, and R·M where M mirrors x (x → −x).
  const rot: D4 = { m: [cos, sin, -sin, cos], rotation, mirrored: false };
  const mir: D4 = { m: [-cos, -sin, -sin, cos], rotation, mirrored: true };
  return [rot, mir];
});

/** Similarity transform used by the matcher: p' = s · g(p) + t. */
export type Placement = { g: D4; s: number; tx: number; ty: number };

export function placePoint(p: Placement, x: number, y: number): [number, number] {
  const [a, b, c, d] = p.g.m;
  return [p.s * (a * x + c * y) + p.tx, p.s * (b * x + d * y) + p.ty];
}

export function placeDirection(g: D4, dx: number, dy: number): [number, number] {
  const [a, b, c, d] = g.m;
  return [a * dx + c * dy, b * dx + d * dy];
}

/** Box of the placed corners of `b` (all four: a placement may turn by any angle). */
export function placeBBox(p: Placement, b: BBox): BBox {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [x, y] of [
    [b[0], b[1]],
    [b[2], b[1]],
    [b[2], b[3]],
    [b[0], b[3]],
  ] as const) {
    const [px, py] = placePoint(p, x, y);
    xs.push(px);
    ys.push(py);
  }
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/**
 * A square symmetry followed by a turn of `angle` radians counter-clockwise: the linear part of
 * a placement for a symbol drawn at any angle. `rotation` is in degrees, [0, 360), to 0.1°.
 */
export function turnedOp(g: D4, angle: number): D4 {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const [a, b, cc, d] = g.m;
  const deg = Math.round(((((g.rotation + (angle * 180) / Math.PI) % 360) + 360) % 360) * 10) / 10;
  return {
    m: [c * a - s * b, s * a + c * b, c * cc - s * d, s * cc + c * d],
    rotation: deg >= 360 ? deg - 360 : deg,
    mirrored: g.mirrored,
  };
}

/** Distance from (px, py) to the segment (x0, y0)–(x1, y1). */
export function pointSegmentDistance(
  px: number,
  py: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}

/** Does the segment a–b cross the segment c–d (proper or touching intersection)? */
export function segmentsIntersect(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const d1 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
  const d2 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);
  const d3 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  const d4 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}
