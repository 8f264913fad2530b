import type { BBox, ExtractedPage, Matrix, PathSegment, TextItem } from './primitives.ts';

/** Affine maps of a page's primitives (orientation and deskew move a page into view space with them). */

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

export function invertMatrix(m: Matrix): Matrix {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

/** `first` then `second`: the matrix of p ↦ second(first(p)). */
export function composeMatrices(first: Matrix, second: Matrix): Matrix {
  const [a1, b1, c1, d1, e1, f1] = first;
  const [a2, b2, c2, d2, e2, f2] = second;
  return [
    a2 * a1 + c2 * b1,
    b2 * a1 + d2 * b1,
    a2 * c1 + c2 * d1,
    b2 * c1 + d2 * d1,
    a2 * e1 + c2 * f1 + e2,
    b2 * e1 + d2 * f1 + f2,
  ];
}

export function applyToBBox(m: Matrix, b: BBox): BBox {
  const pts = [apply(m, b[0], b[1]), apply(m, b[2], b[1]), apply(m, b[2], b[3]), apply(m, b[0], b[3])];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

export function applyToPoint(m: Matrix, x: number, y: number): [number, number] {
  return apply(m, x, y);
}

/**
 * The page's primitives moved by `toView`, a rotation by −`angleDeg` (degrees counter-clockwise)
 * plus a translation, onto a page of `widthPt` × `heightPt`. Path boxes are recomputed from the
 * moved points (control points included, as extraction does), so a box stays tight under any
 * angle; text baselines turn by −`angleDeg`, normalised to [0, 360).
 */
export function transformPage(
  page: ExtractedPage,
  toView: Matrix,
  angleDeg: number,
  widthPt: number,
  heightPt: number,
): ExtractedPage {
  const seg = (s: PathSegment): PathSegment => {
    switch (s.op) {
      case 'moveTo':
      case 'lineTo': {
        const [x, y] = apply(toView, s.x, s.y);
        return { op: s.op, x, y };
      }
      case 'curveTo': {
        const [x1, y1] = apply(toView, s.x1, s.y1);
        const [x2, y2] = apply(toView, s.x2, s.y2);
        const [x, y] = apply(toView, s.x, s.y);
        return { op: 'curveTo', x1, y1, x2, y2, x, y };
      }
      case 'closePath':
        return s;
    }
  };
  const text = (t: TextItem): TextItem => {
    const [x, y] = apply(toView, t.x, t.y);
    return { ...t, x, y, angle: normaliseAngle(t.angle - angleDeg) };
  };
  return {
    ...page,
    widthPt,
    heightPt,
    textItems: page.textItems.map(text),
    paths: page.paths.map((p) => {
      const segments = p.segments.map(seg);
      return { ...p, segments, bbox: segmentsBBox(segments) ?? applyToBBox(toView, p.bbox) };
    }),
    images: page.images.map((img) => ({ ...img, bbox: applyToBBox(toView, img.bbox) })),
  };
}

/** Degrees in [0, 360); a residue within 1e-6° of a whole degree snaps to it (float noise of a turn). */
function normaliseAngle(deg: number): number {
  const a = ((deg % 360) + 360) % 360;
  const whole = Math.round(a);
  return Math.abs(a - whole) < 1e-6 ? whole % 360 : a;
}

function segmentsBBox(segments: readonly PathSegment[]): BBox | null {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  const add = (x: number, y: number) => {
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  };
  for (const s of segments) {
    if (s.op === 'closePath') continue;
    if (s.op === 'curveTo') {
      add(s.x1, s.y1);
      add(s.x2, s.y2);
    }
    add(s.x, s.y);
  }
  return x0 > x1 ? null : [x0, y0, x1, y1];
}
