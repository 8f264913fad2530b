import { namesDiagramBoard } from './diagram-board.ts';
import { DisjointSets } from './disjoint-sets.ts';
import { bboxArea, expandBBox, flattenPaths, intersectBBox, type Subpath, unionBBoxes } from './geometry.ts';
import { findPanelSchedules } from './panel-schedule.ts';
import type { BBox, ExtractedPage, PathPrimitive, TextItem } from './primitives.ts';
import { classifyPage } from './scanned.ts';
import { groupTextLines, textInReadingOrder, textItemBBox } from './text-lines.ts';
import { hasTransposedDescriptionRow } from './transposed-panel-schedule.ts';

/** Why a page's words must be read by OCR: it is an image, or its text is drawn as strokes/outlines. */
export type OcrNeed = 'scanned' | 'outlined_text';

/** Paths this small (diagonal, points) are glyph-sized: SHX strokes, outlined letters. */
const GLYPH_SIZE_PT = 12;

/** Glyph-sized paths that make a page of outlined text (fewer: its words may be painted whole). */
const STROKE_PAGE_PATHS = 300;

/**
 * Whether the words of a page are missing from its text layer and must be read by OCR:
 * - `scanned`: the page is an image (see `classifyPage`) with less text than a title;
 * - `outlined_text`: hundreds of glyph-sized paths of at least 12 different sizes (AutoCAD SHX
 *   text is drawn as short strokes, "outlined" text as filled letter shapes; a repeated mark is a
 *   pattern, not text) and fewer text-layer characters than one per 20 of them (and fewer than
 *   400), so most of what reads as text is not in the text layer.
 * Null when the text layer holds the page's words.
 */
export function ocrNeed(page: ExtractedPage): OcrNeed | null {
  const chars = page.textItems.reduce((n, t) => n + t.str.replace(/\s+/g, '').length, 0);
  if (classifyPage(page) === 'scanned') return chars < 40 ? 'scanned' : null;
  let glyphSized = 0;
  const shapes = new Set<string>();
  for (const p of page.paths) {
    const [x0, y0, x1, y1] = p.bbox;
    const diag = Math.hypot(x1 - x0, y1 - y0);
    if (diag <= 0 || diag >= GLYPH_SIZE_PT) continue;
    glyphSized++;
    shapes.add(`${Math.round((x1 - x0) * 2)}x${Math.round((y1 - y0) * 2)}`);
  }
  // Letters come in many shapes; thousands of one repeated mark (hatching, a grid of crosses) are not text.
  const textLike = shapes.size >= 12;
  // A sheet whose text layer holds more than a title block's worth of words is read from it (dense
  // vector sheets have thousands of small symbol and hatch paths beside their real text).
  const fewChars = chars < glyphSized / 20 && chars < 400;
  if (textLike && glyphSized >= STROKE_PAGE_PATHS && fewChars) return 'outlined_text';
  // A drawing with no text layer at all still has a title block, notes and labels, drawn as
  // strokes; a plotter may paint a whole word (or line of text) as one path, so its letters are
  // counted stroke by stroke here (SHX sheets of ~170 glyph-sized paths, their words 13-60 pt
  // paths, were never read when 300 glyph-sized paths were asked of every page).
  return chars === 0 && hasStrokeLetters(page) ? 'outlined_text' : null;
}

/** At least 100 glyph-sized subpaths of at least 12 different sizes: letters, not one repeated mark. */
function hasStrokeLetters(page: ExtractedPage): boolean {
  let strokes = 0;
  const shapes = new Set<string>();
  for (const { bbox } of flattenPaths(page.paths)) {
    const diag = Math.hypot(bbox[2] - bbox[0], bbox[3] - bbox[1]);
    if (diag <= 0 || diag >= GLYPH_SIZE_PT) continue;
    strokes++;
    shapes.add(`${Math.round((bbox[2] - bbox[0]) * 2)}x${Math.round((bbox[3] - bbox[1]) * 2)}`);
  }
  return strokes >= 100 && shapes.size >= 12;
}

/**
 * The page with OCR words added to its text items (marked `source: 'ocr'`, with their
 * confidence) and its reading-order text rebuilt. Words below `minConfidence`, words without a
 * letter or digit, and words lying mostly over a text-layer run (that text is already known) are
 * left out.
 */
export function withOcrWords(
  page: ExtractedPage,
  words: readonly TextItem[],
  minConfidence = 0.3,
): { page: ExtractedPage; added: TextItem[] } {
  const layer = page.textItems.filter((t) => t.source !== 'ocr').map(textItemBBox);
  const added = words.filter((w) => {
    if ((w.confidence ?? 1) < minConfidence || !/[\p{L}\p{N}]/u.test(w.str)) return false;
    const box = textItemBBox(w);
    const area = bboxArea(box);
    return !layer.some((b) => {
      const inter = intersectBBox(b, box);
      return inter !== null && bboxArea(inter) > 0.5 * area;
    });
  });
  if (added.length === 0) return { page, added };
  const strokes = added.some((w) => /[\p{N}AEIOUaeiou|]/u.test(w.str)) ? flattenPaths(page.paths) : [];
  if (strokes.length > 0)
    added.splice(
      0,
      added.length,
      ...added.map((w) => GLYPH_CORRECTIONS.reduce((word, correct) => correct(word, strokes), w)),
    );
  const textItems = [...page.textItems, ...added];
  return { page: { ...page, textItems, text: textInReadingOrder(textItems) }, added };
}

/**
 * Corrections of an OCR word from the stroke glyphs drawn under it, in this order: slashed zeros
 * first (a six test must not see a zero's slash as a stroke of its own), then round digits read as
 * letters, accents, and ones read as I.
 */
const GLYPH_CORRECTIONS: readonly ((word: TextItem, strokes: readonly Subpath[]) => TextItem)[] = [
  withSlashedZeros,
  withSixesAndNines,
  withAccents,
  withFlaggedOnes,
];

/**
 * The OCR word with the slashed zeros drawn under it read back as "0". Plotter fonts (AutoCAD
 * SHX) slash their zero to tell it from the letter O, and Tesseract reads that glyph as "8",
 * "e", "o" or two letters ("le"): room 1201 came out "1281". The strokes under a level word box
 * are grouped into glyphs (strokes overlapping across the line: SHX letters never do); a glyph
 * of exactly one closed loop taller than wide and one straight stroke lying inside the loop's box
 * and crossing most of it is a slashed zero (a diameter sign Ø is round and its slash runs out
 * of the circle; a letter O or an 8 has no straight stroke inside). When the word has one
 * character per glyph, each slashed zero's character becomes "0"; when each slashed zero was
 * read as two characters, those two become "0". Otherwise the word is left as OCR read it.
 */
export function withSlashedZeros(word: TextItem, strokes: readonly Subpath[]): TextItem {
  if (Math.abs(word.angle) > 5 || word.height <= 0) return word;
  const h = word.height;
  const [bx0, by0, bx1, by1] = expandBBox(textItemBBox(word), 0.1 * h);
  const under = strokes.filter(({ bbox: [x0, y0, x1, y1] }) => {
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    return cx >= bx0 && cx <= bx1 && cy >= by0 && cy <= by1 && y1 - y0 <= 1.5 * h;
  });
  if (under.length === 0) return word;
  under.sort((a, b) => a.bbox[0] - b.bbox[0]);
  const glyphs = glyphsAlongLine(under, h);
  const zero = glyphs.map(isSlashedZero);
  const zeros = zero.filter(Boolean).length;
  if (zeros === 0) return word;
  const chars = [...word.str];
  // Characters OCR gave each slashed zero: one when the word has one per glyph, two when it is
  // exactly one character longer per slashed zero ("12le1").
  const per = chars.length === glyphs.length ? 1 : chars.length === glyphs.length + zeros ? 2 : 0;
  if (per === 0) return word;
  let at = 0;
  let str = '';
  for (const z of zero) {
    const n = z ? per : 1;
    str += z ? '0' : chars.slice(at, at + n).join('');
    at += n;
  }
  return str === word.str ? word : { ...word, str };
}

/**
 * The strokes under a level word, sorted left to right, grouped into glyphs: a stroke starting
 * before the glyph so far ends (within 2 % of the letter height `h`) belongs to it.
 */
function glyphsAlongLine(sorted: readonly Subpath[], h: number): Subpath[][] {
  const glyphs: Subpath[][] = [];
  let right = Number.NEGATIVE_INFINITY;
  for (const s of sorted) {
    const last = glyphs[glyphs.length - 1];
    if (last && s.bbox[0] <= right + 0.02 * h) {
      last.push(s);
      right = Math.max(right, s.bbox[2]);
    } else {
      glyphs.push([s]);
      right = s.bbox[2];
    }
  }
  return glyphs;
}

/**
 * The glyphs drawn under a level word, left to right: the glyph-sized strokes whose centre lies in
 * its box (grown by a tenth of its height), grouped by `glyphsAlongLine`.
 */
function glyphsUnder(word: TextItem, strokes: readonly Subpath[]): Subpath[][] {
  const h = word.height;
  const [bx0, by0, bx1, by1] = expandBBox(textItemBBox(word), 0.1 * h);
  const under = strokes
    .filter(({ bbox: [x0, y0, x1, y1] }) => {
      const cx = (x0 + x1) / 2;
      const cy = (y0 + y1) / 2;
      return cx >= bx0 && cx <= bx1 && cy >= by0 && cy <= by1 && y1 - y0 <= 1.5 * h && x1 - x0 <= 1.5 * h;
    })
    .sort((a, b) => a.bbox[0] - b.bbox[0]);
  return glyphsAlongLine(under, h);
}

/**
 * The OCR word with each "1" it read as a letter I (or l, |) put back: "HA1" came out "HAI" and
 * the panel lost its name. A plotter font draws its one with a flag, a slanted stroke running
 * from the stem's top down to the left, and its I without one (a bare stem, or a stem between two
 * level bars). The strokes under a level word box are grouped into glyphs (by overlap across the
 * line, as in `withSlashedZeros`); when the word has one character per glyph, an I, l or | whose
 * glyph has a flag becomes "1".
 */
export function withFlaggedOnes(word: TextItem, strokes: readonly Subpath[]): TextItem {
  if (Math.abs(word.angle) > 5 || word.height <= 0 || !/[Il|]/.test(word.str)) return word;
  const glyphs = glyphsUnder(word, strokes);
  const chars = [...word.str];
  if (chars.length !== glyphs.length) return word;
  let changed = false;
  glyphs.forEach((glyph, i) => {
    if (!/^[Il|]$/.test(chars[i] ?? '') || !hasFlag(glyph)) return;
    chars[i] = '1';
    changed = true;
  });
  return changed ? { ...word, str: chars.join('') } : word;
}

/** A segment slanting down to the left from the glyph's top: the flag of a one (see `withFlaggedOnes`). */
function hasFlag(glyph: readonly Subpath[]): boolean {
  const top = Math.max(...glyph.map((s) => s.bbox[3]));
  const bottom = Math.min(...glyph.map((s) => s.bbox[1]));
  const tall = top - bottom;
  if (tall <= 0) return false;
  return glyph.some(({ points: p }) => {
    for (let k = 0; k + 3 < p.length; k += 2) {
      const [ax = 0, ay = 0, bx = 0, by = 0] = p.slice(k, k + 4);
      // The segment's upper end at the glyph's top, its lower end to the left, both slants real.
      const [ux, uy, lx, ly] = ay >= by ? [ax, ay, bx, by] : [bx, by, ax, ay];
      if (top - uy > 0.1 * tall) continue;
      if (ux - lx > 0.08 * tall && uy - ly > 0.08 * tall && uy - ly < 0.6 * tall) return true;
    }
    return false;
  });
}

/**
 * A number as OCR may spell it: an optional tripping-curve letter ("C16"), digits and the round
 * letters Tesseract reads for round digits, an optional "A" ("20A"); with at least one digit read
 * as such (see `withSixesAndNines`: "CO" stays a word).
 */
const NUMBER_LIKE = /^[BCDKbcdk]?[0-9OoeøIl|]+[aA]?$/u;

/**
 * The OCR number with each six or nine it read as a zero or a round letter put back: a plotter
 * font's 6 came out "e" or "0" ("C16" read "C1e", then a C10 breaker), and 16 and 10 are both
 * standard ratings, so only the glyph tells them apart. The strokes under a level word box are
 * grouped into glyphs (by overlap across the line, as in `withSlashedZeros`); when the word has
 * one character per glyph, a "0", "O", "o", "e" or "ø" whose glyph is open on its right above
 * the middle (the 6's hook) but closed everywhere else becomes "6", one open on its left below
 * the middle (the 9's tail) "9". A zero, slashed or not, and an O are closed on both sides and
 * stay. Words that are not numbers with at least one digit ("ROOM", "CO") are left as read.
 */
export function withSixesAndNines(word: TextItem, strokes: readonly Subpath[]): TextItem {
  if (Math.abs(word.angle) > 5 || word.height <= 0) return word;
  if (!NUMBER_LIKE.test(word.str) || !/[0-9]/.test(word.str) || !/[0Ooeø]/.test(word.str)) return word;
  const glyphs = glyphsUnder(word, strokes);
  const chars = [...word.str];
  if (chars.length !== glyphs.length) return word;
  let changed = false;
  glyphs.forEach((glyph, i) => {
    if (!/^[0Ooeø]$/.test(chars[i] ?? '')) return;
    const digit = openRoundDigit(glyph);
    if (digit === null) return;
    chars[i] = digit;
    changed = true;
  });
  return changed ? { ...word, str: chars.join('') } : word;
}

/**
 * "6" or "9" for a round glyph open on one side (see `withSixesAndNines`), null otherwise. Ink is
 * looked for in four bands, a quarter of the glyph's width wide at its left and right edges, across
 * the upper middle (55–80 % of its height) and the lower middle (20–45 %).
 */
function openRoundDigit(glyph: readonly Subpath[]): '6' | '9' | null {
  const x0 = Math.min(...glyph.map((s) => s.bbox[0]));
  const y0 = Math.min(...glyph.map((s) => s.bbox[1]));
  const x1 = Math.max(...glyph.map((s) => s.bbox[2]));
  const y1 = Math.max(...glyph.map((s) => s.bbox[3]));
  const w = x1 - x0;
  const h = y1 - y0;
  if (h <= 0 || w < 0.4 * h) return null;
  const left: [number, number] = [x0 - 0.01 * w, x0 + 0.25 * w];
  const right: [number, number] = [x1 - 0.25 * w, x1 + 0.01 * w];
  const upper: [number, number] = [y0 + 0.55 * h, y0 + 0.8 * h];
  const lower: [number, number] = [y0 + 0.2 * h, y0 + 0.45 * h];
  const ink = ([ax0, ax1]: [number, number], [ay0, ay1]: [number, number]) =>
    glyph.some((s) => crossesBox(s.points, [ax0, ay0, ax1, ay1]));
  const leftUpper = ink(left, upper);
  const leftLower = ink(left, lower);
  const rightUpper = ink(right, upper);
  const rightLower = ink(right, lower);
  if (!rightUpper && leftUpper && leftLower && rightLower) return '6';
  if (!leftLower && leftUpper && rightUpper && rightLower) return '9';
  return null;
}

/** Whether a polyline (x0 y0 x1 y1 …) passes through a box, each segment sampled finely. */
function crossesBox(points: readonly number[], [bx0, by0, bx1, by1]: BBox): boolean {
  for (let k = 0; k + 3 < points.length; k += 2) {
    const [ax = 0, ay = 0, cx = 0, cy = 0] = points.slice(k, k + 4);
    for (let t = 0; t <= 16; t++) {
      const x = ax + ((cx - ax) * t) / 16;
      const y = ay + ((cy - ay) * t) / 16;
      if (x >= bx0 && x <= bx1 && y >= by0 && y <= by1) return true;
    }
  }
  if (points.length === 2) {
    const [x = 0, y = 0] = points;
    return x >= bx0 && x <= bx1 && y >= by0 && y <= by1;
  }
  return false;
}

/** Letters an accent drawn over them makes, by accent: French capitals and small letters. */
const ACCENTED: Record<'acute' | 'grave' | 'circumflex', Record<string, string>> = {
  acute: { E: 'É', e: 'é' },
  grave: { A: 'À', E: 'È', U: 'Ù', a: 'à', e: 'è', u: 'ù' },
  circumflex: { A: 'Â', E: 'Ê', I: 'Î', O: 'Ô', U: 'Û', a: 'â', e: 'ê', i: 'î', o: 'ô', u: 'û' },
};

/**
 * The OCR word with the accents drawn over its letters put back. An SHX accent is one short
 * stroke (two for a circumflex) just over the letter's top, and Tesseract reads the same word
 * with and without it from one row to the next ("RÉSERVE" and "RESERVE" in one schedule). The
 * strokes under a level word box are split into the letters' bodies (grouped by overlap across
 * the line, as in `withSlashedZeros`) and the marks standing wholly above the bodies' top, less
 * than half a letter height long; when the word has one character per body, each mark over a
 * body makes its letter accented: rising to the right acute (É), falling grave (È), two strokes
 * meeting at a peak circumflex (Ê). Letters that take no such accent, and words whose
 * characters and bodies do not pair up, are left as OCR read them.
 */
export function withAccents(word: TextItem, strokes: readonly Subpath[]): TextItem {
  if (Math.abs(word.angle) > 5 || word.height <= 0 || !/[AEIOUaeiou]/.test(word.str)) return word;
  const h = word.height;
  const [bx0, by0, bx1, by1] = expandBBox(textItemBBox(word), 0.1 * h);
  const under = strokes.filter(({ bbox: [x0, y0, x1, y1] }) => {
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    return (
      cx >= bx0 && cx <= bx1 && cy >= by0 && cy <= by1 + 0.6 * h && x1 - x0 <= 1.5 * h && y1 - y0 <= 1.5 * h
    );
  });
  // The bodies' top: the highest point of the strokes that start in the word's lower half.
  const stems = under.filter((s) => s.bbox[1] < by0 + 0.5 * (by1 - by0));
  if (stems.length === 0) return word;
  const top = Math.max(...stems.map((s) => s.bbox[3]));
  const base = Math.min(...stems.map((s) => s.bbox[1]));
  const cap = top - base;
  if (cap <= 0) return word;
  const isMark = ({ bbox: [x0, y0, x1, y1] }: Subpath) =>
    y0 > top + 0.03 * cap && y1 < top + 0.6 * cap && Math.hypot(x1 - x0, y1 - y0) < 0.5 * cap;
  const marks = under.filter(isMark);
  if (marks.length === 0) return word;
  const bodies = under.filter((s) => !isMark(s)).sort((a, b) => a.bbox[0] - b.bbox[0]);
  const glyphs: [number, number][] = [];
  for (const s of bodies) {
    const last = glyphs[glyphs.length - 1];
    if (last && s.bbox[0] <= last[1] + 0.02 * h) last[1] = Math.max(last[1], s.bbox[2]);
    else glyphs.push([s.bbox[0], s.bbox[2]]);
  }
  const chars = [...word.str];
  if (chars.length !== glyphs.length) return word;
  const over = new Map<number, Subpath[]>();
  for (const m of marks) {
    const cx = (m.bbox[0] + m.bbox[2]) / 2;
    const at = glyphs.findIndex(([x0, x1]) => cx >= x0 - 0.1 * h && cx <= x1 + 0.1 * h);
    if (at >= 0) over.set(at, [...(over.get(at) ?? []), m]);
  }
  for (const [at, ms] of over) {
    const kind = accentOf(ms);
    const accented = kind ? ACCENTED[kind][chars[at] ?? ''] : undefined;
    if (accented) chars[at] = accented;
  }
  const str = chars.join('');
  return str === word.str ? word : { ...word, str };
}

/** The accent one or two strokes over a letter draw: rising acute, falling grave, a peak circumflex. */
function accentOf(marks: readonly Subpath[]): keyof typeof ACCENTED | null {
  const slope = (m: Subpath) => {
    const [x0 = 0, y0 = 0] = m.points;
    const x1 = m.points[m.points.length - 2] ?? x0;
    const y1 = m.points[m.points.length - 1] ?? y0;
    return x1 === x0 ? 0 : (y1 - y0) / (x1 - x0);
  };
  if (marks.length === 1) {
    const [m] = marks as [Subpath];
    // One stroke of three points bent at a peak is a circumflex drawn in one go.
    if (m.points.length === 6) {
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0, x2 = 0, y2 = 0] = m.points;
      if (y1 > y0 && y1 > y2 && (x1 - x0) * (x2 - x1) > 0) return 'circumflex';
    }
    if (m.points.length !== 4) return null;
    const k = slope(m);
    return k > 0.2 ? 'acute' : k < -0.2 ? 'grave' : null;
  }
  if (marks.length === 2) {
    const [a, b] = [...marks].sort((p, q) => p.bbox[0] - q.bbox[0]) as [Subpath, Subpath];
    return slope(a) > 0.2 && slope(b) < -0.2 ? 'circumflex' : null;
  }
  return null;
}

/** One closed loop taller than wide and one straight stroke crossing most of its box (see `withSlashedZeros`). */
function isSlashedZero(glyph: readonly Subpath[]): boolean {
  if (glyph.length !== 2) return false;
  const loop = glyph.find((s) => isClosedLoop(s));
  const slash = glyph.find((s) => s !== loop && s.points.length === 4);
  if (!loop || !slash) return false;
  const [lx0, ly0, lx1, ly1] = loop.bbox;
  const w = lx1 - lx0;
  const h = ly1 - ly0;
  if (h <= 0 || w < 0.4 * h || w > 0.9 * h) return false;
  const [sx0, sy0, sx1, sy1] = slash.bbox;
  const tol = 0.1 * h;
  const inside = sx0 >= lx0 - tol && sx1 <= lx1 + tol && sy0 >= ly0 - tol && sy1 <= ly1 + tol;
  return inside && sx1 - sx0 >= 0.6 * w && sy1 - sy0 >= 0.5 * h;
}

/** A subpath that comes back to where it started, drawn with at least four sides. */
function isClosedLoop(s: Subpath): boolean {
  const p = s.points;
  if (p.length < 10) return false;
  const back = Math.hypot((p[0] ?? 0) - (p[p.length - 2] ?? 0), (p[1] ?? 0) - (p[p.length - 1] ?? 0));
  return s.closed || back < 0.05 * Math.max(s.bbox[3] - s.bbox[1], 1e-6);
}

/**
 * The font size behind an OCR word box. The box spans the ink: a word in capitals, digits or
 * lowercase without descenders ("DUPLEX", "20A", "salon") is only as tall as the cap or
 * ascender height, ~0.7 of the font size in common fonts (SHX romans included); one with a
 * descender or brackets ("prise", "(EM)") spans ~0.95 of it. A comma or semicolon hardly
 * descends (SHX ones not at all): "FIXTURE," counted as descending came out 30 % smaller than
 * "MOUNTED" beside it and the legend label was cut there. Taking the box height as the size
 * made every inter-word gap look 1.4 times wider, so the words of one legend description or
 * room name stayed apart.
 */
export function fontSizeOfWordBox(text: string, height: number): number {
  return /[gjpqy()[\]{}|]/.test(text) ? height / 0.95 : height / 0.72;
}

/**
 * Whether a page read by OCR should also be read turned a quarter turn: its words hold a
 * distribution-board table printed transposed with a description row, whose descriptions are
 * often written upwards, or name a board and its supply with no circuit table read (a single-line
 * diagram, whose ways are often labelled upwards beside their drops). Tesseract reads horizontal
 * lines only.
 */
export function wantsUpwardReading(words: readonly TextItem[]): boolean {
  const lines = groupTextLines(words, { maxGapEm: 0.5 });
  if (hasTransposedDescriptionRow(lines)) return true;
  return namesDiagramBoard(lines) && findPanelSchedules(lines, []).length === 0;
}

/** Where and how finely to read an outlined page: the zones holding text, and its letter height. */
export type OcrZones = {
  /** Page-space boxes around clusters of glyph-sized paths, merged so none overlap. */
  zones: BBox[];
  /** Typical height of the page's letters in points (75th percentile of glyph paths taller than 1 pt). */
  letterHeightPt: number | null;
  /**
   * The zones before more than 12 of them were joined into one box (the same as `zones`
   * otherwise): the parts of that box that hold text, the rest being drawing (walls, symbols).
   */
  inked: BBox[];
};

/**
 * The boxes of a path's subpaths, read as pen strokes of letters: none when they are alike
 * straight dashes (a dashed line or a hatch drawn as one path is no word), or OCR would read every
 * dashed line of the sheet. A word's strokes come in three or more sizes, or, when its letters
 * all fill the same box (the capitals of a monospaced SHX font: "LEGEND" as six 4.8 × 7.2 pt
 * strokes and two bars), are mostly bent pen strokes (polylines, closed shapes), where a dash is
 * one straight segment. Taken for dashes, a legend's heading was left out of every OCR zone; the
 * zone below it cut its letters in half ("LLULINY") and the sheet's 141 devices went uncounted.
 */
function letterStrokes(p: PathPrimitive): BBox[] {
  const subpaths = flattenPaths([p]);
  const boxes = subpaths.map((sp) => sp.bbox);
  if (boxes.length < 3) return boxes;
  const sizes = new Set(
    boxes.map(([x0, y0, x1, y1]) => `${Math.round((x1 - x0) * 2)}x${Math.round((y1 - y0) * 2)}`),
  );
  if (sizes.size >= 3) return boxes;
  const bent = subpaths.filter((sp) => sp.points.length > 4).length;
  return bent >= subpaths.length / 2 ? boxes : [];
}

/** Grid cell of the occupancy map that clusters glyph paths into zones, in points. */
const ZONE_CELL_PT = 6;

/**
 * The zones of an outlined page worth reading by OCR, and its letter height. A whole ANSI D sheet
 * drawn at OCR resolution is 35 MP, so it used to be drawn coarser to fit 12 MP: 4.6 pt letters
 * came out 7 px high and Tesseract read schedules as noise ("CKT" → "ToT", no circuit numbers).
 * Reading only the zones that hold glyph-sized paths lets them be drawn fine enough (see
 * `dpiForLetters`) without drawing the empty paper. Glyphs are counted subpath by subpath (a run
 * of alike strokes, a dashed line, is none), like the gate (`ocrNeed`) does: a plotter that paints a whole word
 * as one path left every such word outside the zones (schedules read as "CCT MCB POLES" without
 * one description). Glyph boxes, widened by two letter heights so
 * the letters of a word and the words of a line join, mark cells of a 6 pt grid; each connected
 * group of cells is a zone; zones less than ten letter heights apart are merged.
 */
export function ocrZones(page: ExtractedPage): OcrZones {
  const glyphSized = (boxes: readonly BBox[]) =>
    boxes.filter(([x0, y0, x1, y1]) => {
      const diag = Math.hypot(x1 - x0, y1 - y0);
      return diag > 0 && diag < GLYPH_SIZE_PT;
    });
  // A plotter that paints each word as one path leaves few glyph-sized paths (the page was let in
  // by its strokes, see `ocrNeed`): letters are found stroke by stroke, or the zones would hold
  // the short words only and cut every long one after its first letters ("DESCRIPTION" → "D").
  // Only on pages of few glyph paths, it lost a whole schedule of indep2-dev-19 (46 → 0 circuits),
  // whose symbols passed the count while its words were painted whole.
  const glyphs = glyphSized(page.paths.flatMap(letterStrokes));
  const heights: number[] = [];
  for (const [, y0, , y1] of glyphs) if (y1 - y0 > 1) heights.push(y1 - y0);
  heights.sort((a, b) => a - b);
  const letterHeightPt =
    heights.length > 0 ? (heights[Math.floor(0.75 * (heights.length - 1))] ?? null) : null;
  if (glyphs.length === 0) return { zones: [], letterHeightPt, inked: [] };
  const margin = 2 * (letterHeightPt ?? 4);
  const cols = Math.max(1, Math.ceil(page.widthPt / ZONE_CELL_PT));
  const rows = Math.max(1, Math.ceil(page.heightPt / ZONE_CELL_PT));
  const filled = new Uint8Array(cols * rows);
  const cell = (v: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor(v / ZONE_CELL_PT)));
  for (const [x0, y0, x1, y1] of glyphs) {
    const c0 = cell(x0 - margin, cols);
    const c1 = cell(x1 + margin, cols);
    const r0 = cell(y0 - margin, rows);
    const r1 = cell(y1 + margin, rows);
    for (let r = r0; r <= r1; r++) filled.fill(1, r * cols + c0, r * cols + c1 + 1);
  }
  // Connected groups of filled cells (4-neighbours), each as the box of its cells.
  const boxes: BBox[] = [];
  const stack: number[] = [];
  for (let start = 0; start < filled.length; start++) {
    if (filled[start] !== 1) continue;
    filled[start] = 2;
    stack.push(start);
    let [c0, r0, c1, r1] = [cols, rows, 0, 0];
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const c = i % cols;
      const r = (i - c) / cols;
      c0 = Math.min(c0, c);
      c1 = Math.max(c1, c);
      r0 = Math.min(r0, r);
      r1 = Math.max(r1, r);
      const next = [
        c > 0 ? i - 1 : -1,
        c < cols - 1 ? i + 1 : -1,
        r > 0 ? i - cols : -1,
        r < rows - 1 ? i + cols : -1,
      ];
      for (const n of next) {
        if (n >= 0 && filled[n] === 1) {
          filled[n] = 2;
          stack.push(n);
        }
      }
    }
    boxes.push([
      c0 * ZONE_CELL_PT,
      r0 * ZONE_CELL_PT,
      Math.min(page.widthPt, (c1 + 1) * ZONE_CELL_PT),
      Math.min(page.heightPt, (r1 + 1) * ZONE_CELL_PT),
    ]);
  }
  // Zones closer than ten letter heights are read as one: every zone costs a page drawing and an
  // OCR call, and a word cropped tight to its ink is read worse than one with white paper around
  // it. Each zone keeps a letter height of paper around it; a sheet still holding more than 12
  // zones (symbols strewn over a floor plan) is read as the box around them all, in tiles.
  const letter = letterHeightPt ?? 4;
  const reach = 5 * letter;
  const near = mergeOverlapping(boxes.map((b) => expandBBox(b, reach)));
  const zones = near.map((b): BBox => {
    const [x0, y0, x1, y1] = expandBBox(b, letter - reach);
    return [Math.max(0, x0), Math.max(0, y0), Math.min(page.widthPt, x1), Math.min(page.heightPt, y1)];
  });
  const all = unionBBoxes(zones);
  return { zones: zones.length > MAX_ZONES && all ? [all] : zones, letterHeightPt, inked: zones };
}

/** More zones than this on a page are read as one box around them all (see `ocrZones`). */
const MAX_ZONES = 12;

/** Boxes merged until none overlaps another (a zone read twice would give its words twice). */
function mergeOverlapping(input: readonly BBox[]): BBox[] {
  let boxes = [...input];
  let merged = true;
  while (merged) {
    merged = false;
    const out: BBox[] = [];
    for (const b of boxes) {
      const hit = out.findIndex((o) => intersectBBox(o, b) !== null);
      const other = hit >= 0 ? out[hit] : undefined;
      if (other) {
        out[hit] = [
          Math.min(other[0], b[0]),
          Math.min(other[1], b[1]),
          Math.max(other[2], b[2]),
          Math.max(other[3], b[3]),
        ];
        merged = true;
      } else out.push(b);
    }
    boxes = out;
  }
  return boxes;
}

/** Letter height Tesseract reads best at, in pixels (its LSTM models were trained on ~20-30 px lines). */
const OCR_LETTER_PX = 24;

/**
 * The resolution that draws letters `letterHeightPt` high about 24 px tall, kept within
 * [`minDpi`, 400]: fine print on a large CAD sheet needs more than the default, and big letters
 * gain nothing from more pixels (Tesseract's time grows with them).
 */
export function dpiForLetters(letterHeightPt: number | null, minDpi: number): number {
  if (letterHeightPt === null || letterHeightPt <= 0) return minDpi;
  return Math.round(Math.min(400, Math.max(minDpi, (OCR_LETTER_PX * 72) / letterHeightPt)));
}

/**
 * The boxes of short stroke words (one to three letters: circuit numbers, poles, "A") that OCR
 * left unread on an outlined page although they stand on the baseline of a word it did read.
 * Tesseract's sparse-text mode drops isolated one- and two-character words (a schedule's CCT
 * column came back empty while "LIGHTS FF" beside each number was read); they are read again
 * as one block (see the worker's `readMissingText`). Glyph-sized subpaths are grouped into words
 * (strokes less than half a letter height apart); a group is kept when it is letter-high, at most
 * three letters wide, not under a word OCR read, and level with a read word at most 15 letter
 * heights away (a floor plan's lone symbols stand on nobody's baseline).
 */
export function missedShortWords(
  page: ExtractedPage,
  words: readonly TextItem[],
  letterHeightPt: number | null,
): BBox[] {
  if (letterHeightPt === null || letterHeightPt <= 0 || words.length === 0) return [];
  const letter = letterHeightPt;
  const strokes = flattenPaths(page.paths)
    .map((s) => s.bbox)
    .filter((b) => {
      const diag = Math.hypot(b[2] - b[0], b[3] - b[1]);
      return diag > 0 && diag < GLYPH_SIZE_PT && b[3] - b[1] <= 1.6 * letter;
    });
  const groups = groupNearBoxes(strokes, 0.5 * letter);
  const read = words.map(textItemBBox);
  const out: BBox[] = [];
  for (const g of groups) {
    const h = g[3] - g[1];
    const w = g[2] - g[0];
    if (h < 0.6 * letter || h > 1.4 * letter || w > 3 * letter) continue;
    const area = Math.max(bboxArea(g), 1e-6);
    const covered = read.some((b) => {
      const inter = intersectBBox(b, g);
      return inter !== null && bboxArea(inter) > 0.3 * area;
    });
    if (covered) continue;
    // An OCR word's ink runs from 0.2 of its height under its baseline (see `wordToTextItem`).
    const mid = (g[1] + g[3]) / 2;
    const level = words.some((t) => {
      if (Math.abs(t.angle) > 5 || t.height > 2.5 * letter) return false;
      const inkMid = t.y - 0.2 * t.height + t.height / 2;
      const gap = Math.max(t.x - g[2], g[0] - (t.x + t.width), 0);
      return Math.abs(inkMid - mid) < 0.4 * letter && gap < 15 * letter;
    });
    if (level) out.push(g);
  }
  return out;
}

/**
 * The text lines of an outlined page printed so close to the line above or below that their ink
 * nearly touches (gap under a third of a letter height), each as the band to read it alone in.
 * A schedule placed tight under another left its "TOTAL: 42300 VA" line 0.3 pt above the next
 * panel's "PANEL: LP-3" title, and Tesseract read the two as one garbled line ("rs RS"): the
 * panel, 29 circuits, was dropped for want of a name. Glyph strokes (see `letterStrokes`) are
 * joined into lines when their heights overlap and they stand less than a letter height apart
 * side by side (every letter of a line spans its height, so a line is one group); a line
 * counts when at least three strokes make it and it is 0.6 to 3 letter heights tall. Its band
 * runs a letter height beyond its ends and stops halfway to the ink of the lines above and below.
 */
export function crowdedLines(page: ExtractedPage, letterHeightPt: number | null): BBox[] {
  if (letterHeightPt === null || letterHeightPt <= 0) return [];
  const letter = letterHeightPt;
  const strokes = page.paths.flatMap(letterStrokes).filter(([x0, y0, x1, y1]) => {
    const diag = Math.hypot(x1 - x0, y1 - y0);
    return diag > 0 && diag < GLYPH_SIZE_PT && y1 - y0 <= 3 * letter;
  });
  const order = strokes.map((_, i) => i).sort((a, b) => (strokes[a]?.[0] ?? 0) - (strokes[b]?.[0] ?? 0));
  const sets = new DisjointSets(strokes.length);
  for (let a = 0; a < order.length; a++) {
    const i = order[a] as number;
    const bi = strokes[i] as BBox;
    for (let c = a + 1; c < order.length; c++) {
      const j = order[c] as number;
      const bj = strokes[j] as BBox;
      if (bj[0] > bi[2] + letter) break;
      // Heights overlap by more than a hair (two lines whose ink touches stay apart); a flat
      // stroke (a dash, a bar) joins the letters it lies within.
      const overlap = Math.min(bi[3], bj[3]) - Math.max(bi[1], bj[1]);
      const flat = Math.min(bi[3] - bi[1], bj[3] - bj[1]);
      if (overlap >= Math.min(0.05 * letter, 0.5 * flat)) sets.union(i, j);
    }
  }
  const lines = new Map<number, { box: BBox; n: number }>();
  strokes.forEach((b, i) => {
    const r = sets.find(i);
    const l = lines.get(r);
    if (!l) lines.set(r, { box: [...b], n: 1 });
    else {
      l.box = [
        Math.min(l.box[0], b[0]),
        Math.min(l.box[1], b[1]),
        Math.max(l.box[2], b[2]),
        Math.max(l.box[3], b[3]),
      ];
      l.n++;
    }
  });
  const text = [...lines.values()]
    .filter(({ box, n }) => n >= 3 && box[3] - box[1] >= 0.6 * letter && box[3] - box[1] <= 3 * letter)
    .map(({ box }) => box);
  const out: BBox[] = [];
  for (const l of text) {
    const h = l[3] - l[1];
    // Nearest ink above and below among the lines beside this one's span.
    let above = Number.POSITIVE_INFINITY;
    let below = Number.POSITIVE_INFINITY;
    let crowded = false;
    for (const m of text) {
      if (m === l || m[0] >= l[2] || m[2] <= l[0]) continue;
      const up = m[1] - l[3];
      const down = l[1] - m[3];
      if (up >= 0) above = Math.min(above, up);
      if (down >= 0) below = Math.min(below, down);
      const gap = Math.max(up, down);
      if (gap >= 0 && gap < Math.min(h, m[3] - m[1]) / 3) crowded = true;
    }
    if (!crowded) continue;
    out.push([
      Math.max(0, l[0] - letter),
      Math.max(0, l[1] - Math.min(0.5 * h, below / 2)),
      Math.min(page.widthPt, l[2] + letter),
      Math.min(page.heightPt, l[3] + Math.min(0.5 * h, above / 2)),
    ]);
  }
  return mergeBands(out);
}

/** Bands of one line (its words, found apart) joined: less than a band height apart and level over half their height. */
function mergeBands(input: readonly BBox[]): BBox[] {
  const bands = [...input].sort((a, b) => a[0] - b[0]);
  const out: BBox[] = [];
  for (const b of bands) {
    const hit = out.findIndex((o) => {
      const level = Math.min(o[3], b[3]) - Math.max(o[1], b[1]);
      return b[0] <= o[2] + (o[3] - o[1]) && level > 0.5 * Math.min(o[3] - o[1], b[3] - b[1]);
    });
    const o = hit >= 0 ? out[hit] : undefined;
    if (o)
      out[hit] = [Math.min(o[0], b[0]), Math.min(o[1], b[1]), Math.max(o[2], b[2]), Math.max(o[3], b[3])];
    else out.push(b);
  }
  return out;
}

/** Boxes joined into groups whenever they come closer than `gap` (union of each group's boxes). */
function groupNearBoxes(boxes: readonly BBox[], gap: number): BBox[] {
  const order = boxes.map((_, i) => i).sort((a, b) => (boxes[a]?.[0] ?? 0) - (boxes[b]?.[0] ?? 0));
  const sets = new DisjointSets(boxes.length);
  for (let a = 0; a < order.length; a++) {
    const i = order[a] as number;
    const bi = boxes[i] as BBox;
    for (let c = a + 1; c < order.length; c++) {
      const j = order[c] as number;
      const bj = boxes[j] as BBox;
      if (bj[0] > bi[2] + gap) break;
      if (bj[1] <= bi[3] + gap && bi[1] <= bj[3] + gap) sets.union(i, j);
    }
  }
  const byRoot = new Map<number, BBox>();
  boxes.forEach((b, i) => {
    const r = sets.find(i);
    const u = byRoot.get(r);
    byRoot.set(
      r,
      u ? [Math.min(u[0], b[0]), Math.min(u[1], b[1]), Math.max(u[2], b[2]), Math.max(u[3], b[3])] : b,
    );
  });
  return [...byRoot.values()];
}
