/** Affine matrix in PDF order [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = readonly [number, number, number, number, number, number];
export type Point = readonly [number, number];
/** Axis-aligned box [x0, y0, x1, y1] with x0 ≤ x1 and y0 ≤ y1. */
export type Box = readonly [number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** outer ∘ inner: apply `inner` first, then `outer`. */
export function compose(outer: Matrix, inner: Matrix): Matrix {
  const [a1, b1, c1, d1, e1, f1] = outer;
  const [a2, b2, c2, d2, e2, f2] = inner;
  return [
    a1 * a2 + c1 * b2,
    b1 * a2 + d1 * b2,
    a1 * c2 + c1 * d2,
    b1 * c2 + d1 * d2,
    a1 * e2 + c1 * f2 + e1,
    b1 * e2 + d1 * f2 + f1,
  ];
}

export function apply(m: Matrix, p: Point): [number, number] {
  return [m[0] * p[0] + m[2] * p[1] + m[4], m[1] * p[0] + m[3] * p[1] + m[5]];
}

export function translation(x: number, y: number): Matrix {
  return [1, 0, 0, 1, x, y];
}

export function scaling(sx: number, sy: number = sx): Matrix {
  return [sx, 0, 0, sy, 0, 0];
}

/** Counter-clockwise rotation; multiples of 90° are exact (no 6.1e-17 noise in the PDF). */
export function rotation(deg: number): Matrix {
  const n = ((deg % 360) + 360) % 360;
  const exact: Record<number, [number, number]> = { 0: [1, 0], 90: [0, 1], 180: [-1, 0], 270: [0, -1] };
  const cs = exact[n] ?? [Math.cos((n * Math.PI) / 180), Math.sin((n * Math.PI) / 180)];
  return [cs[0], cs[1], -cs[1], cs[0], 0, 0];
}

/** Angle in degrees of the transformed x axis, in [0, 360). */
export function matrixAngle(m: Matrix): number {
  const deg = (Math.atan2(m[1], m[0]) * 180) / Math.PI;
  return Math.round((((deg % 360) + 360) % 360) * 1e6) / 1e6;
}

/** Uniform scale factor of a similarity transform. */
export function matrixScale(m: Matrix): number {
  return Math.hypot(m[0], m[1]);
}

export function boxOfPoints(points: readonly Point[]): Box {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

export function transformBox(m: Matrix, b: Box): Box {
  return boxOfPoints([
    apply(m, [b[0], b[1]]),
    apply(m, [b[2], b[1]]),
    apply(m, [b[0], b[3]]),
    apply(m, [b[2], b[3]]),
  ]);
}

export function growBox(b: Box, d: number): Box {
  return [b[0] - d, b[1] - d, b[2] + d, b[3] + d];
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

export function boxInside(inner: Box, outer: Box): boolean {
  return inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
}

export function boxCentre(b: Box): [number, number] {
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
}

/** Distance between two boxes (0 when they touch or overlap). */
export function boxDistance(a: Box, b: Box): number {
  const dx = Math.max(0, b[0] - a[2], a[0] - b[2]);
  const dy = Math.max(0, b[1] - a[3], a[1] - b[3]);
  return Math.hypot(dx, dy);
}

/** Rounds to a fixed number of decimals (truth files keep 3 decimals for points). */
export function round(value: number, decimals = 3): number {
  const f = 10 ** decimals;
  const r = Math.round(value * f) / f;
  return Object.is(r, -0) ? 0 : r;
}
