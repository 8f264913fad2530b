import { applyToBBox, invertMatrix, transformPage } from './page-transform.ts';
import type { ExtractedPage, Matrix } from './primitives.ts';

/**
 * Deskew: a sheet re-plotted or scanned a little askew (a fraction of a degree to a few degrees)
 * is turned square before the analysis, whose legend rows, text lines, symbol templates, walls
 * and schedule rules all assume horizontal and vertical. Rotations by quarter turns are
 * `orientPage`'s job; this is the small remainder.
 */

/** Skews smaller than this are float noise or harmless (0.02° moves a point 0.3 pt across a 36-inch sheet). */
export const MIN_SKEW_DEG = 0.02;
/** Larger angles are drawn on purpose (a wing of the building, a rotated view), not a skewed sheet. */
export const MAX_SKEW_DEG = 5;
/** The runs' and the baselines' directions agree within this (text angles are coarser). */
const AGREEMENT_DEG = 0.15;
const BIN_DEG = 0.05;
/**
 * The peak is refined over votes this close to it: a turned sheet puts all its square lines at
 * the same angle to float noise (~1e-4°), and a tight window keeps a few long lines drawn a
 * tenth of a degree off square on a square sheet from making it look turned.
 */
const REFINE_DEG = 1.5 * BIN_DEG;

/** One vote: an angle folded into (−45°, 45°] and its weight. */
type Vote = { deg: number; weight: number };

/** `deg` folded onto the nearest quarter turn's remainder, in (−45°, 45°]. */
function foldQuarter(deg: number): number {
  const r = (((deg + 45) % 90) + 90) % 90;
  return r - 45 === -45 ? 45 : r - 45;
}

/**
 * The most voted direction within ±`MAX_SKEW_DEG` (bins of 0.05°, three-bin window), refined as
 * the weighted mean of the votes within `REFINE_DEG` of it; null without votes there or when
 * that direction carries less than a third of all the votes' weight (no dominant direction).
 */
function dominantDirection(votes: readonly Vote[]): number | null {
  const bins = Math.ceil(MAX_SKEW_DEG / BIN_DEG);
  const hist = new Float64Array(2 * bins + 1);
  let total = 0;
  for (const v of votes) {
    total += v.weight;
    if (Math.abs(v.deg) > MAX_SKEW_DEG + BIN_DEG) continue;
    const i = Math.round(v.deg / BIN_DEG) + bins;
    if (i >= 0 && i < hist.length) hist[i] = (hist[i] ?? 0) + v.weight;
  }
  let best = -1;
  let bestW = 0;
  for (let i = 0; i < hist.length; i++) {
    const w = (hist[i - 1] ?? 0) + (hist[i] ?? 0) + (hist[i + 1] ?? 0);
    if (w > bestW) {
      bestW = w;
      best = i;
    }
  }
  if (best < 0 || bestW < total / 3) return null;
  // Centred on the window's heaviest bin, whose votes are within half a bin of its centre.
  let peak = best;
  for (const i of [best - 1, best + 1]) if ((hist[i] ?? 0) > (hist[peak] ?? 0)) peak = i;
  const centre = (peak - bins) * BIN_DEG;
  let sum = 0;
  let weight = 0;
  for (const v of votes) {
    if (Math.abs(v.deg - centre) > REFINE_DEG) continue;
    sum += v.deg * v.weight;
    weight += v.weight;
  }
  return weight > 0 ? sum / weight : null;
}

/**
 * Directions of the page's long straight runs (walls, borders, table rules), weighted by length.
 * Runs shorter than 3 % of the page's long side (symbol strokes, hatching, glyph outlines) do
 * not vote: their directions are the drawing's, not the sheet's.
 */
function lineVotes(page: ExtractedPage): Vote[] {
  const minLength = 0.03 * Math.max(page.widthPt, page.heightPt);
  const votes: Vote[] = [];
  for (const p of page.paths) {
    const b = p.bbox;
    if (Math.max(b[2] - b[0], b[3] - b[1]) < minLength) continue;
    let cx = 0;
    let cy = 0;
    let sx = 0;
    let sy = 0;
    const run = (x: number, y: number) => {
      const len = Math.hypot(x - cx, y - cy);
      if (len >= minLength)
        votes.push({ deg: foldQuarter((Math.atan2(y - cy, x - cx) * 180) / Math.PI), weight: len });
    };
    for (const s of p.segments) {
      if (s.op === 'moveTo') {
        sx = s.x;
        sy = s.y;
      } else if (s.op === 'lineTo') run(s.x, s.y);
      else if (s.op === 'closePath') run(sx, sy);
      if (s.op === 'closePath') {
        cx = sx;
        cy = sy;
      } else {
        cx = s.x;
        cy = s.y;
      }
    }
  }
  return votes;
}

/** Baseline directions of the text layer, weighted by characters (OCR words carry no angle). */
function textVotes(page: ExtractedPage): Vote[] {
  return page.textItems
    .filter((t) => t.source !== 'ocr' && t.str.trim().length > 0)
    .map((t) => ({ deg: foldQuarter(t.angle), weight: t.str.trim().length }));
}

/**
 * The sheet's skew in degrees counter-clockwise (content turned by +skew from square), 0 when it
 * is square, within `MIN_SKEW_DEG`, beyond ±`MAX_SKEW_DEG`, or undecided.
 *
 * Two witnesses: the long straight runs and the text baselines. When the page has both they must
 * agree (within 0.15°): a rotated re-plot turns both, while a drawing with a wing or a block at
 * an angle on a square sheet turns only some lines or some labels and must be left alone. A sheet
 * with only one of them (text as outlines, no long lines) goes by that one.
 */
export function detectSkew(page: ExtractedPage): number {
  const lines = dominantDirection(lineVotes(page));
  const text = dominantDirection(textVotes(page));
  let skew: number;
  if (lines !== null && text !== null) {
    if (Math.abs(lines - text) > AGREEMENT_DEG) return 0;
    // Long runs locate the direction more precisely than short baselines.
    skew = lines;
  } else skew = lines ?? text ?? 0;
  return Math.abs(skew) < MIN_SKEW_DEG || Math.abs(skew) > MAX_SKEW_DEG ? 0 : skew;
}

export type Deskewed = {
  /** The page turned square, on a page box grown to hold the turned one (origin 0,0). */
  page: ExtractedPage;
  /** Skew removed, degrees counter-clockwise (0: the page is returned as it was). */
  skewDeg: number;
  /** Deskewed → page space. */
  toPage: Matrix;
};

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/**
 * Turns the page by −`skewDeg` (default: `detectSkew`) so its drawing is square. The page box
 * grows to the turned box's bounds and the content is shifted into it, so nothing lands at
 * negative coordinates. A page without skew is returned as is (same object: no cost).
 */
export function deskewPage(page: ExtractedPage, skewDeg: number = detectSkew(page)): Deskewed {
  if (skewDeg === 0) return { page, skewDeg: 0, toPage: IDENTITY };
  const rad = (-skewDeg * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const turn: Matrix = [cos, sin, -sin, cos, 0, 0];
  const [x0, y0, x1, y1] = applyToBBox(turn, [0, 0, page.widthPt, page.heightPt]);
  const toView: Matrix = [cos, sin, -sin, cos, -x0, -y0];
  const turned = transformPage(page, toView, skewDeg, x1 - x0, y1 - y0);
  return {
    // OCR reads the words of a skewed scan in level boxes: their angle is the reading's (0°, or
    // 90° for words read up the page), never the sheet's skew, so it stays what it was.
    page: {
      ...turned,
      textItems: turned.textItems.map((t, i) =>
        t.source === 'ocr' ? { ...t, angle: page.textItems[i]?.angle ?? t.angle } : t,
      ),
    },
    skewDeg,
    toPage: invertMatrix(toView),
  };
}
