import { deskewPage } from './deskew.ts';
import { composeMatrices, invertMatrix, transformPage } from './page-transform.ts';
import type { ExtractedPage, Matrix } from './primitives.ts';

/**
 * Sheets are often drawn sideways in page space (a landscape drawing on a portrait page with
 * /Rotate 90, or a drawing rotated on the sheet). Analysis runs in "view space", where the text
 * of the sheet reads left to right; results are mapped back to page space.
 */
export type Oriented = {
  page: ExtractedPage;
  /** Rotation applied (degrees counter-clockwise, page → view is a rotation by −angle). */
  angle: 0 | 90 | 180 | 270;
  /** Skew turned out before that (degrees counter-clockwise, 0 when the sheet was square). */
  skewDeg: number;
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

/**
 * Rotates a page so its dominant text reads horizontally (identity when it already does), after
 * turning a slightly skewed sheet square (see `deskewPage`: a re-plot or scan rotated by a
 * fraction of a degree to a few degrees).
 */
export function orientPage(page: ExtractedPage): Oriented {
  const deskewed = deskewPage(page);
  const square = deskewed.page;
  const angle = dominantTextAngle(square);
  const W = square.widthPt;
  const H = square.heightPt;
  // Page → view: rotate by −angle, then translate back into the positive quadrant.
  const toView: Matrix =
    angle === 90
      ? [0, -1, 1, 0, 0, W]
      : angle === 180
        ? [-1, 0, 0, -1, W, H]
        : angle === 270
          ? [0, 1, -1, 0, H, 0]
          : [1, 0, 0, 1, 0, 0];
  const skewDeg = deskewed.skewDeg;
  if (angle === 0) return { page: square, angle, skewDeg, toPage: deskewed.toPage };
  const swap = angle !== 180;
  return {
    angle,
    skewDeg,
    toPage: composeMatrices(invertMatrix(toView), deskewed.toPage),
    page: transformPage(square, toView, angle, swap ? H : W, swap ? W : H),
  };
}
