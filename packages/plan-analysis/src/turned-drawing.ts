import type { BBox, ExtractedPage } from './primitives.ts';

/**
 * A drawing set on the sheet at an angle (a plan turned to follow the lot, a wing at 30°): the
 * direction of its walls and the box they span. Its labels run along those walls, so OCR, which
 * reads lines level with the image, must read that part of the sheet turned by the same angle.
 */
export type TurnedDrawing = {
  /** Direction of the drawing's walls, degrees counter-clockwise in page space, in (−45°, 45°]. */
  angleDeg: number;
  box: BBox;
};

/** Below this the sheet is square or merely skewed (`detectSkew`'s range): read as it is. */
const MIN_TURN_DEG = 5;
/** Runs this long (share of the page's long side) vote: walls and borders, not symbol strokes or letters. */
const MIN_RUN_SHARE = 0.02;
/** The turned direction must carry this share of all long runs' length (a few slanted rules are not a drawing). */
const MIN_WEIGHT_SHARE = 0.1;
/** …and at least this many minimum runs' length (a lone diagonal, a north arrow). */
const MIN_RUNS = 12;

type Run = { deg: number; length: number; x0: number; y0: number; x1: number; y1: number };

/** `deg` folded onto the nearest quarter turn's remainder, in (−45°, 45°]. */
function foldQuarter(deg: number): number {
  const r = (((deg + 45) % 90) + 90) % 90;
  return r - 45 === -45 ? 45 : r - 45;
}

/** The page's long straight runs (lineTo and closePath edges), with their folded directions. */
function longRuns(page: ExtractedPage, minLength: number): Run[] {
  const runs: Run[] = [];
  for (const p of page.paths) {
    const b = p.bbox;
    if (Math.max(b[2] - b[0], b[3] - b[1]) < minLength) continue;
    let cx = 0;
    let cy = 0;
    let sx = 0;
    let sy = 0;
    const run = (x: number, y: number) => {
      const length = Math.hypot(x - cx, y - cy);
      if (length >= minLength)
        runs.push({
          deg: foldQuarter((Math.atan2(y - cy, x - cx) * 180) / Math.PI),
          length,
          x0: cx,
          y0: cy,
          x1: x,
          y1: y,
        });
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
  return runs;
}

/**
 * The drawing of a page set at an angle more than 5° off square, if any: the most voted direction
 * of the long straight runs (1° bins, three-bin window, weighted by length) outside ±5°, refined as
 * the mean of the runs within 1.5° of it, when those runs carry a tenth of all long runs' length
 * and a dozen runs' worth; its box spans them. A sheet drawn square (its frame, title block and
 * schedules are square too) and a few slanted lines (a north arrow, a ramp) give none.
 */
export function turnedDrawing(page: ExtractedPage): TurnedDrawing | null {
  const minLength = MIN_RUN_SHARE * Math.max(page.widthPt, page.heightPt);
  const runs = longRuns(page, minLength);
  const total = runs.reduce((a, r) => a + r.length, 0);
  const hist = new Float64Array(91);
  for (const r of runs) {
    if (Math.abs(r.deg) <= MIN_TURN_DEG) continue;
    const i = Math.round(r.deg) + 45;
    hist[i] = (hist[i] ?? 0) + r.length;
  }
  let best = -1;
  let bestW = 0;
  for (let i = 0; i < hist.length; i++) {
    // The window wraps: −45° and 45° are one direction.
    const w = (hist[(i + 90) % 91] ?? 0) + (hist[i] ?? 0) + (hist[(i + 1) % 91] ?? 0);
    if (w > bestW) {
      bestW = w;
      best = i;
    }
  }
  if (best < 0 || bestW < MIN_WEIGHT_SHARE * total || bestW < MIN_RUNS * minLength) return null;
  const centre = best - 45;
  // Distance on the folded circle, so runs at −44.5° and 44.5° count together.
  const apart = (deg: number) => Math.abs(foldQuarter(deg - centre));
  const near = runs.filter((r) => apart(r.deg) <= 1.5);
  const weight = near.reduce((a, r) => a + r.length, 0);
  const angleDeg = foldQuarter(
    centre + near.reduce((a, r) => a + foldQuarter(r.deg - centre) * r.length, 0) / weight,
  );
  if (Math.abs(angleDeg) <= MIN_TURN_DEG) return null;
  const xs = near.flatMap((r) => [r.x0, r.x1]);
  const ys = near.flatMap((r) => [r.y0, r.y1]);
  return { angleDeg, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
}

/** Whether two text directions (degrees) agree within `tolerance` degrees. */
export function sameDirection(a: number, b: number, tolerance: number): boolean {
  const d = ((((a - b) % 360) + 540) % 360) - 180;
  return Math.abs(d) <= tolerance;
}

/**
 * The words of `read` left once the words read along a turned drawing (`turned`) are in: a word
 * whose centre lies on a turned word's ink (its box in its own frame, from 0.2 of its height
 * under the baseline to 0.8 above it, as `textItemBBox` draws it) is a level misreading of the same letters ("ONG", "NS" for a
 * slanted "CUISINE") and goes. Words read along the page elsewhere stay.
 */
export function withoutWordsUnder<
  T extends { x: number; y: number; width: number; height: number; angle: number },
>(
  read: readonly T[],
  turned: readonly { x: number; y: number; width: number; height: number; angle: number }[],
): T[] {
  const inside = (px: number, py: number) =>
    turned.some((t) => {
      const rad = (t.angle * Math.PI) / 180;
      const dx = px - t.x;
      const dy = py - t.y;
      const u = dx * Math.cos(rad) + dy * Math.sin(rad);
      const v = -dx * Math.sin(rad) + dy * Math.cos(rad);
      return u >= 0 && u <= t.width && v >= -0.2 * t.height && v <= 0.8 * t.height;
    });
  return read.filter((w) => {
    const rad = (w.angle * Math.PI) / 180;
    // The centre of the word's ink: half its width along the baseline, 0.3 of its height above it.
    const cx = w.x + 0.5 * w.width * Math.cos(rad) - 0.3 * w.height * Math.sin(rad);
    const cy = w.y + 0.5 * w.width * Math.sin(rad) + 0.3 * w.height * Math.cos(rad);
    return !inside(cx, cy);
  });
}
