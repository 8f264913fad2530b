import type { Subpath } from './geometry.ts';
import { bboxContainsPoint } from './geometry.ts';
import type { SymbolMatch } from './match-symbols.ts';
import type { BBox } from './primitives.ts';
import { BoxGrid } from './spatial-grid.ts';

/** Why a legend entry's matches on a sheet were not counted. */
export type ImplausibleReason = 'density' | 'text_glyphs' | 'outnumbers_devices';

export type RejectedEntry = {
  symbolId: string;
  label: string;
  count: number;
  reason: ImplausibleReason;
};

/**
 * Share of the drawing area the matches of one entry may cover (count × size², size the larger
 * side of a match's box). The densest real layouts seen are ~0.9 % (receptacles of a small house
 * on a tabloid sheet, `ours` and 60 indep-dev plans); a flood of look-alikes (hatching, glyph
 * strokes) covers far more.
 */
const MAX_DENSITY = 0.03;
/** Below this many matches on a sheet, an entry is never called implausible (no flood). */
const MIN_FLOOD = 20;
/** A generic (`other`) entry with more matches than twice all typed devices of its sheet. */
const MIN_OTHER_FLOOD = 30;

export type TextRun = { text: string; bbox: BBox };

/**
 * Drops the matches of a legend entry that are implausibly many on one sheet, so that a generic or
 * letter-shaped legend symbol never turns hatching or outlined text into thousands of devices:
 * - `density`: its matches cover more than 3 % of the drawing area;
 * - `text_glyphs`: at least half of them lie inside words (runs of ≥ 3 letters or digits at least
 *   twice as wide as the match) — the symbol is matching the strokes of letters;
 * - `outnumbers_devices`: an `other` entry with more matches than twice every typed device of the
 *   sheet together.
 * Only entries with at least 20 matches (30 for `other`) are judged. The rejected entries are
 * returned so the caller can warn; their matches are not counted.
 */
export function rejectImplausibleMatches(
  matches: readonly SymbolMatch[],
  ctx: { drawingArea: number; textRuns: readonly TextRun[] },
): { kept: SymbolMatch[]; rejected: RejectedEntry[] } {
  const byEntry = new Map<string, SymbolMatch[]>();
  for (const m of matches) {
    const list = byEntry.get(m.entry.symbolId) ?? [];
    list.push(m);
    byEntry.set(m.entry.symbolId, list);
  }
  const typed = matches.filter((m) => m.entry.type !== 'other').length;
  const words = ctx.textRuns.filter((r) => r.text.replace(/[^\p{L}\p{N}]/gu, '').length >= 3);
  const rejected: RejectedEntry[] = [];
  for (const [symbolId, list] of byEntry) {
    const reason = implausibility(list, typed, words, ctx.drawingArea);
    const first = list[0];
    if (reason && first) rejected.push({ symbolId, label: first.entry.label, count: list.length, reason });
  }
  const out = new Set(rejected.map((r) => r.symbolId));
  return { kept: matches.filter((m) => !out.has(m.entry.symbolId)), rejected };
}

function implausibility(
  list: readonly SymbolMatch[],
  typed: number,
  words: readonly TextRun[],
  drawingArea: number,
): ImplausibleReason | null {
  const n = list.length;
  const isOther = list[0]?.entry.type === 'other';
  if (n < MIN_FLOOD) return null;
  const sizes = list.map((m) => Math.max(m.bbox[2] - m.bbox[0], m.bbox[3] - m.bbox[1])).sort((a, b) => a - b);
  const size = sizes[Math.floor(n / 2)] ?? 0;
  if (drawingArea > 0 && (n * size * size) / drawingArea > MAX_DENSITY) return 'density';
  const inWords = list.filter((m) =>
    words.some((w) => w.bbox[2] - w.bbox[0] >= 2 * size && bboxContainsPoint(w.bbox, m.x, m.y)),
  ).length;
  if (inWords >= n / 2) return 'text_glyphs';
  if (isOther && n >= MIN_OTHER_FLOOD && n > 2 * typed) return 'outnumbers_devices';
  return null;
}

/**
 * Drops the matches that are letters of words drawn as strokes, on a sheet read by OCR (`ocrWords`
 * not empty): a legend symbol shaped like a letter (a switch's "S") matches that letter in every
 * word of the sheet, while the switches themselves stand on their own. A match is a letter when
 * - its centre lies in an OCR word of at least three letters or digits, at least twice as wide as
 *   the match (a symbol's own code, "GFI" over a receptacle, is not), or
 * - letters of its own height stand on its line right before and right after it, less than 0.8 of
 *   its height away (small print OCR did not read; a mark beside a symbol, the "3" of "S3", stands
 *   on one side only).
 * The letters are dropped one by one, so the switches of a sheet are still counted where
 * `rejectImplausibleMatches` used to drop the whole entry as `text_glyphs`.
 */
export function withoutOcrWordLetters(
  matches: readonly SymbolMatch[],
  ocrWords: readonly TextRun[],
  subpaths: readonly Subpath[] = [],
): SymbolMatch[] {
  if (ocrWords.length === 0 || matches.length === 0) return [...matches];
  const words = ocrWords.filter((r) => r.text.replace(/[^\p{L}\p{N}]/gu, '').length >= 3);
  const strokes = new BoxGrid<BBox>(12);
  for (const sp of subpaths) {
    const [x0, y0, x1, y1] = sp.bbox;
    if (Math.hypot(x1 - x0, y1 - y0) < 12) strokes.insert(sp.bbox, sp.bbox);
  }
  return matches.filter((m) => {
    const size = Math.max(m.bbox[2] - m.bbox[0], m.bbox[3] - m.bbox[1]);
    const inWord = words.some(
      (w) => w.bbox[2] - w.bbox[0] >= 2 * size && bboxContainsPoint(w.bbox, m.x, m.y),
    );
    return !inWord && !amidStrokedLetters(m.bbox, strokes);
  });
}

/**
 * Whether the box stands in a line of stroked letters: glyphs on its line (strokes within its
 * height band) right before and right after it, one of them a letter of its height (at least 0.8
 * of it: a word's capitals share one height, while a symbol beside a smaller label has none), or
 * three such letters in a row on one side (the first or last letter of a word). Glyphs follow
 * each other less than 0.8 of the box's height apart; a hyphen counts as a glyph.
 */
function amidStrokedLetters(box: BBox, strokes: BoxGrid<BBox>): boolean {
  const [x0, y0, x1, y1] = box;
  const h = y1 - y0;
  if (h <= 0) return false;
  const gap = 0.8 * h;
  const near: { b: BBox; letter: boolean }[] = [];
  strokes.some([x0 - 4 * (h + gap), y0, x1 + 4 * (h + gap), y1], (b) => {
    if (b[1] < y0 - 0.2 * h || b[3] > y1 + 0.2 * h) return false;
    if (b[2] >= x0 && b[0] <= x1) return false; // its own strokes
    near.push({ b, letter: b[3] - b[1] >= 0.8 * h });
    return false;
  });
  /** Glyphs (strokes merged by column) chained from the box outwards: [count, letters]. */
  const chain = (dir: 1 | -1): [number, number] => {
    const side = near
      .filter(({ b }) => (dir > 0 ? b[0] > x1 : b[2] < x0))
      .sort((p, q) => (dir > 0 ? p.b[0] - q.b[0] : q.b[2] - p.b[2]));
    let edge = dir > 0 ? x1 : x0;
    let glyphs = 0;
    let letters = 0;
    let cur: { far: number; letter: boolean } | null = null;
    for (const { b, letter } of side) {
      const start = dir > 0 ? b[0] : b[2];
      const far = dir > 0 ? b[2] : b[0];
      if (cur && (dir > 0 ? start <= cur.far + 0.3 * h : start >= cur.far - 0.3 * h)) {
        cur.far = dir > 0 ? Math.max(cur.far, far) : Math.min(cur.far, far);
        if (letter && !cur.letter) {
          cur.letter = true;
          letters++;
        }
        continue;
      }
      if (Math.abs(start - edge) >= gap && (!cur || Math.abs(start - cur.far) >= gap)) break;
      if (cur) edge = cur.far;
      cur = { far, letter };
      glyphs++;
      if (letter) letters++;
    }
    return [glyphs, letters];
  };
  const [before, lettersBefore] = chain(-1);
  const [after, lettersAfter] = chain(1);
  if (before > 0 && after > 0 && lettersBefore + lettersAfter > 0) return true;
  return lettersBefore >= 3 || lettersAfter >= 3;
}

/** A sheet needs this many symbols wired through to be read as a one-line diagram. */
const MIN_DIAGRAM_WAYS = 3;

/**
 * Drops the matches that a straight wire runs through: one wire ends on one side of the symbol
 * and another leaves from the opposite side, on the symbol's centre line, each at least twice the
 * symbol's size long. That is a breaker or isolator drawn in series on a one-line diagram (an IEC
 * distribution board's ways, each from the busbar to its row of the circuit table), not a device
 * of the floor plan: a device ends its wiring, nothing leaves it on the far side. Judged only
 * when at least three matches of the sheet are wired through (a diagram has several ways), so a
 * lone symbol that a wall line happens to cross is kept.
 */
export function withoutWiredThrough(
  matches: readonly SymbolMatch[],
  subpaths: readonly Subpath[],
): SymbolMatch[] {
  let smallest = Number.POSITIVE_INFINITY;
  for (const m of matches) {
    // A size that is not a number passes no test of `isWiredThrough`: it sets no bound.
    const size = symbolSize(m);
    if (size < smallest) smallest = size;
  }
  const wires = wireIndex(
    subpaths.filter((sp) => sp.points.length === 4 && sp.stroked),
    smallest,
  );
  const through = new Set(matches.filter((m) => isWiredThrough(m, wires)));
  return through.size >= MIN_DIAGRAM_WAYS ? matches.filter((m) => !through.has(m)) : [...matches];
}

function symbolSize(m: SymbolMatch): number {
  return Math.max(m.bbox[2] - m.bbox[0], m.bbox[3] - m.bbox[1]);
}

/**
 * The one-segment strokes that may be wires: at least twice as long as the smallest symbol (the
 * short strokes of hatching never are), the horizontal ones sorted by height and the vertical ones
 * by abscissa, so a symbol only looks at those on its centre lines. A sheet whose every stroke is
 * its own path has ~10⁶ of them, and thousands of candidate symbols.
 */
type WireIndex = { horizontal: BBox[]; vertical: BBox[] };

function wireIndex(wires: readonly Subpath[], smallestSymbol: number): WireIndex {
  const horizontal: BBox[] = [];
  const vertical: BBox[] = [];
  for (const w of wires) {
    const [wx0, wy0, wx1, wy1] = w.bbox;
    // Both tests are false when a coordinate is NaN: the sort keys below are numbers.
    if (wy1 - wy0 < 0.01 && wx1 - wx0 >= 2 * smallestSymbol) horizontal.push(w.bbox);
    if (wx1 - wx0 < 0.01 && wy1 - wy0 >= 2 * smallestSymbol) vertical.push(w.bbox);
  }
  horizontal.sort((a, b) => a[1] - b[1]);
  vertical.sort((a, b) => a[0] - b[0]);
  return { horizontal, vertical };
}

/** First index of `sorted` whose coordinate `key` is ≥ `value` (binary search). */
function firstAtLeast(sorted: readonly BBox[], key: 0 | 1, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid]?.[key] ?? Number.POSITIVE_INFINITY) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isWiredThrough(m: SymbolMatch, wires: WireIndex): boolean {
  const [x0, y0, x1, y1] = m.bbox;
  const size = symbolSize(m);
  const tol = 0.15 * size;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  // Only the wires within ±tol of a centre line are looked at (a hair more: the rounding of the
  // subtraction); each gets the exact tests.
  const reach = tol + 1e-9 * (Math.abs(cx) + Math.abs(cy) + tol);
  let left = false;
  let right = false;
  for (let i = firstAtLeast(wires.horizontal, 1, cy - reach); i < wires.horizontal.length; i++) {
    const [wx0, wy0, wx1] = wires.horizontal[i] as BBox;
    if (wy0 > cy + reach) break;
    if (!(Math.abs(wy0 - cy) < tol && wx1 - wx0 >= 2 * size)) continue;
    if (Math.abs(wx1 - x0) < tol) left = true;
    if (Math.abs(wx0 - x1) < tol) right = true;
  }
  if (left && right) return true;
  let below = false;
  let above = false;
  for (let i = firstAtLeast(wires.vertical, 0, cx - reach); i < wires.vertical.length; i++) {
    const [wx0, wy0, , wy1] = wires.vertical[i] as BBox;
    if (wx0 > cx + reach) break;
    if (!(Math.abs(wx0 - cx) < tol && wy1 - wy0 >= 2 * size)) continue;
    if (Math.abs(wy1 - y0) < tol) below = true;
    if (Math.abs(wy0 - y1) < tol) above = true;
  }
  return below && above;
}
