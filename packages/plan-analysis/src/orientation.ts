import type { BBox, ExtractedPage, Matrix, PathSegment, TextItem } from './primitives.ts';

/**
 * Sheets are often drawn sideways in page space (a landscape drawing on a portrait page with
 * /Rotate 90, or a drawing rotated on the sheet). Analysis runs in "view space", where the text
 * of the sheet reads left to right; results are mapped back to page space.
 */
export type Oriented = {
  page: ExtractedPage;
  /** Rotation applied (degrees counter-clockwise, page → view is a rotation by −angle). */
  angle: 0 | 90 | 180 | 270;
  toPage: Matrix;
};

/**
 * The dominant reading direction of the page: the baseline angle (0/90/180/270) carrying the
 * most characters; the page /Rotate decides when there is no text.
 */
export function dominantTextAngle(page: ExtractedPage): 0 | 90 | 180 | 270 {
  const weight = new Map<number, number>();
  for (const t of page.textItems) {
    const n = t.str.trim().length;
    if (n === 0) continue;
    const a = (((Math.round(t.angle / 90) * 90) % 360) + 360) % 360;
    if (Math.abs(((t.angle % 90) + 90) % 90) > 2 && Math.abs(((t.angle % 90) + 90) % 90) < 88) continue;
    weight.set(a, (weight.get(a) ?? 0) + n);
  }
  let best = -1;
  let bestW = 0;
  for (const [a, w] of weight) {
    if (w > bestW) {
      bestW = w;
      best = a;
    }
  }
  if (best === 0 || best === 90 || best === 180 || best === 270) return best;
  // /Rotate turns the page clockwise for viewing; content reads along +x rotated by −Rotate.
  const r = (((360 - page.rotation) % 360) + 360) % 360;
  return r === 90 || r === 180 || r === 270 ? r : 0;
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function invert(m: Matrix): Matrix {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
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

/** Rotates a page so its dominant text reads horizontally (identity when it already does). */
export function orientPage(page: ExtractedPage): Oriented {
  const angle = dominantTextAngle(page);
  const W = page.widthPt;
  const H = page.heightPt;
  // Page → view: rotate by −angle, then translate back into the positive quadrant.
  const toView: Matrix =
    angle === 90
      ? [0, -1, 1, 0, 0, W]
      : angle === 180
        ? [-1, 0, 0, -1, W, H]
        : angle === 270
          ? [0, 1, -1, 0, H, 0]
          : [1, 0, 0, 1, 0, 0];
  if (angle === 0) return { page, angle, toPage: [1, 0, 0, 1, 0, 0] };
  const swap = angle !== 180;
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
    return { ...t, x, y, angle: (((t.angle - angle) % 360) + 360) % 360 };
  };
  return {
    angle,
    toPage: invert(toView),
    page: {
      ...page,
      widthPt: swap ? H : W,
      heightPt: swap ? W : H,
      textItems: page.textItems.map(text),
      paths: page.paths.map((p) => ({
        ...p,
        segments: p.segments.map(seg),
        bbox: applyToBBox(toView, p.bbox),
      })),
      images: page.images.map((img) => ({ ...img, bbox: applyToBBox(toView, img.bbox) })),
    },
  };
}
