import type { PlanScale } from '@saeq/shared/contracts/plan-analysis';
import { normalizeText } from './vocabulary.ts';

/** One PDF point in metres (1/72 in). */
export const METRES_PER_POINT = 0.0254 / 72;

const SCALE_WORD = /\b(echelle|scale|ech\.?)\b/;
const NOT_TO_SCALE = /\b(sans echelle|pas a l'echelle|not to scale|nts|n\.t\.s\.?|non a l'echelle)\b/;
/**
 * "ÉCHELLE : S.O." (sans objet), "SCALE: NONE", "SCALE: N/A": the view has no scale. OCR of
 * outlined text often reads the O of "S.O." as a zero ("ÉCHELLE S.0").
 */
const NO_SCALE_VALUE = /\b(echelle|scale)\s*:?\s*(s\.\s?[o0]\.?|s\/[o0]|aucune|none|n\/a)(\s|$)/;

/**
 * "SCALE: AS NOTED" / "ÉCHELLE : TEL QU'INDIQUÉ" in a title block: each view carries its own
 * scale; the cell holds no value, and the text beside it is not one.
 */
const AS_NOTED =
  /\b(as noted|as shown|as indicated|see (plan|drawing|views?)|tel(le)?s? qu'indiquee?s?|comme indiquee?s?|voir (plans?|vues?|dessins?)|indiquee?s?)\b/;

/** Titles of views drawn at another scale than the sheet's main plan. */
const SECONDARY_VIEW = /\b(enlarged|agrandi|agrandie|detail|details|partial|partiel|partielle)\b/;

/** Parses "1 1/2", "3/16", "0.25", "1,5" into a number. */
function parseNumber(s: string): number | null {
  const t = s.trim().replace(',', '.');
  const mixed = /^(\d+)\s+(\d+)\s*\/\s*(\d+)$/.exec(t);
  if (mixed) {
    const den = Number(mixed[3]);
    return den > 0 ? Number(mixed[1]) + Number(mixed[2]) / den : null;
  }
  const frac = /^(\d+)\s*\/\s*(\d+)$/.exec(t);
  if (frac) {
    const den = Number(frac[2]);
    return den > 0 ? Number(frac[1]) / den : null;
  }
  const n = Number(t);
  return Number.isFinite(n) && t !== '' ? n : null;
}

const NUM = String.raw`\d+(?:[.,]\d+)?(?:\s+\d+\s*\/\s*\d+)?|\d+\s*\/\s*\d+`;
const INCH = String.raw`(?:"|''|\s*po\b|\s*in\b|\s*inch(?:es)?\b)`;
const FOOT = String.raw`(?:'|\s*pi\b|\s*ft\b|\s*feet\b|\s*foot\b)`;

/** `1/4" = 1'-0"`, `1" = 10'`, `3/16 po = 1 pi 0 po`: paper inches = real feet (+ inches). */
const IMPERIAL = new RegExp(
  String.raw`(${NUM})\s*${INCH}\s*=\s*(${NUM})\s*${FOOT}(?:\s*-?\s*(${NUM})\s*${INCH})?`,
);
/** "SCALE: 3/16"" alone after the scale word (the "= 1'-0"" part missing). */
const INCH_FRACTION_ONLY = /\b(?:echelle|scale|ech)\.?\s*:?\s*(\d+\s*\/\s*\d+)\s*(?:"|'')(?!\s*[=\d])/;
/** `1:50`, `1 : 100`, `1/50` (metric ratio). */
const RATIO = /\b1\s*[:/]\s*(\d{1,5}(?:[.,]\d+)?)\b/;
/**
 * "SCALE 1 50", "ÉCH. 1 100": OCR of outlined text often drops the small colon of "1 : 50". Only
 * right after the scale word, with a denominator of two digits or more, is "1 N" read as 1:N.
 */
const RATIO_LOST_COLON = /\b(?:echelle|scale|ech)\.?\s*:?\s*1\s+(\d{2,5})(?![\d/.,:'"])/;

/**
 * Reads a scale note into metres per PDF point.
 *
 * Metric ratios "1:50" (also "1/50" after ÉCHELLE/SCALE) give 50 × 0.0254/72 m per point.
 * Imperial "1/4\" = 1'-0\"" gives (12 in / 0.25 in) × 0.0254/72. Returns null for
 * "NTS"/"SANS ÉCHELLE" or text without a scale.
 */
export function parseScale(text: string): PlanScale | null {
  const norm = normalizeText(text);
  if (NOT_TO_SCALE.test(norm) || NO_SCALE_VALUE.test(norm)) return null;
  const imp = IMPERIAL.exec(norm);
  if (imp) {
    const paperIn = parseNumber(imp[1] ?? '');
    const feet = parseNumber(imp[2] ?? '');
    const inches = imp[3] === undefined ? 0 : parseNumber(imp[3]);
    if (paperIn !== null && paperIn > 0 && feet !== null && inches !== null) {
      const realIn = feet * 12 + inches;
      if (realIn > 0) return { text: text.trim(), metresPerPoint: (realIn / paperIn) * METRES_PER_POINT };
    }
  }
  // "SCALE: 1/16"" with the "= 1'-0"" lost by OCR: a paper-inch fraction right after the scale
  // word is an architectural scale, which always reads against one foot; never a 1:16 ratio.
  const inchOnly = INCH_FRACTION_ONLY.exec(norm);
  if (inchOnly) {
    const paperIn = parseNumber(inchOnly[1] ?? '');
    if (paperIn !== null && paperIn > 0 && paperIn < 1)
      return { text: text.trim(), metresPerPoint: (12 / paperIn) * METRES_PER_POINT };
  }
  const ratio = RATIO.exec(norm);
  if (!ratio) {
    const lost = RATIO_LOST_COLON.exec(norm);
    const denominator = lost ? Number(lost[1]) : 0;
    if (denominator >= 10) return { text: text.trim(), metresPerPoint: denominator * METRES_PER_POINT };
  }
  if (ratio) {
    const hasWord = SCALE_WORD.test(norm);
    const usesColon = /1\s*:\s*\d/.test(ratio[0]);
    const denominator = parseNumber(ratio[1] ?? '');
    // "1/50" alone could be a fraction or a date; require the word ÉCHELLE/SCALE for it. A bare
    // "1:3" is no drawing scale either (a ratio, a slope, OCR noise): bare ratios start at 1:10.
    if (denominator !== null && denominator >= 1 && (hasWord || (usesColon && denominator >= 10))) {
      return { text: text.trim(), metresPerPoint: denominator * METRES_PER_POINT };
    }
  }
  return null;
}

/**
 * The sheet's scale from its text lines: a line that names the scale (ÉCHELLE/SCALE) wins,
 * or the word on one line with the value on the next ("ÉCHELLE" / "1:50" in a title block
 * cell); otherwise the first standalone ratio or imperial note. Null when none is found or the
 * sheet says it is not to scale.
 */
export function findPageScale(
  lines: readonly { text: string; x: number; y: number; fontSize: number }[],
): PlanScale | null {
  const withWord: PlanScale[] = [];
  const without: PlanScale[] = [];
  // Scales of enlarged or detail views ("ENLARGED PLAN — TOILET CORE" / "SCALE: 1:25") are not
  // the sheet's: they come last, whatever their wording.
  const secondary: PlanScale[] = [];
  // The main view says it is not to scale ("FLOOR PLAN" / "SCALE: N.T.S."): an enlarged view's
  // scale beside it must not stand in for the plan's.
  let mainNotToScale = false;
  const isSecondaryView = (line: { x: number; y: number; fontSize: number }) =>
    lines.some(
      (o) =>
        o.y > line.y &&
        o.y - line.y < 3 * Math.max(line.fontSize, 4) &&
        Math.abs(o.x - line.x) < 20 * Math.max(line.fontSize, 4) &&
        SECONDARY_VIEW.test(normalizeText(o.text)),
    );
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const norm = normalizeText(line.text);
    const parsed = parseScale(line.text);
    const saysNoScale = NOT_TO_SCALE.test(norm) || NO_SCALE_VALUE.test(norm);
    if (!parsed && saysNoScale && !SECONDARY_VIEW.test(norm) && !isSecondaryView(line)) {
      mainNotToScale = true;
      continue;
    }
    if (parsed) {
      if (SECONDARY_VIEW.test(norm) || isSecondaryView(line)) secondary.push(parsed);
      else (SCALE_WORD.test(norm) ? withWord : without).push(parsed);
      continue;
    }
    if (SCALE_WORD.test(norm) && !saysNoScale && !AS_NOTED.test(norm)) {
      // Label and value in separate text runs: look at the nearest lines right of or below it.
      const near = lines
        .filter((l) => l !== line)
        .map((l) => ({ l, d: Math.hypot(l.x - line.x, (l.y - line.y) * 2) }))
        .filter(({ l, d }) => d < 12 * Math.max(line.fontSize, 4) && (l.x > line.x - 1 || l.y < line.y))
        .sort((a, b) => a.d - b.d);
      for (const { l } of near.slice(0, 3)) {
        const pair = `${line.text} ${l.text}`;
        // "ÉCHELLE" / "S.O." in two runs (OCR drops the colon between them): the view is not to scale.
        if (NO_SCALE_VALUE.test(normalizeText(pair))) {
          if (!SECONDARY_VIEW.test(norm) && !isSecondaryView(line)) mainNotToScale = true;
          break;
        }
        const value = parseScale(pair);
        if (value) {
          // Under an enlarged or detail view's title, the pair is that view's scale, not the sheet's.
          const secondaryPair = SECONDARY_VIEW.test(norm) || isSecondaryView(line);
          (secondaryPair ? secondary : withWord).push({
            text: `${line.text.trim()} ${l.text.trim()}`,
            metresPerPoint: value.metresPerPoint,
          });
          break;
        }
      }
    }
  }
  if (withWord.length === 0 && without.length === 0) {
    // No whole scale note: a paper-inch fraction under a view title is an architectural scale
    // whose "= 1'-0"" OCR lost or garbled ("1/4"" + "1" + "[4]").
    for (const line of lines) {
      const scale = fractionUnderTitle(line, lines);
      if (!scale) continue;
      if (isSecondaryView(line)) secondary.push(scale);
      else without.push(scale);
    }
  }
  return withWord[0] ?? without[0] ?? (mainNotToScale ? null : secondary[0]) ?? null;
}

/** "1/4"", "3/16"": an architectural paper-inch fraction (a power-of-two denominator, under one inch). */
const ARCHITECTURAL_FRACTION = /^(\d{1,2})\s*\/\s*(\d{1,2})\s*(?:"|'')/;
/** A word of two letters or more: "3/4" EMT", "1/2" GAP" are notes, not a garbled "= 1'-0"". */
const WORD = /\p{L}{2,}/u;

/**
 * A scale note read without its "= 1'-0"": the line starts with an architectural inch fraction,
 * nothing on its baseline to the right holds a word, and a title in a larger font sits just above
 * it, starting where it starts (the layout of a view title and its scale note). Conduit sizes and
 * dimension strings, which are no scales, carry words or sit on the drawing, not under a title.
 */
function fractionUnderTitle(
  line: { text: string; x: number; y: number; fontSize: number },
  lines: readonly { text: string; x: number; y: number; fontSize: number }[],
): PlanScale | null {
  const text = normalizeText(line.text).trim();
  const m = ARCHITECTURAL_FRACTION.exec(text);
  if (!m) return null;
  const num = Number(m[1]);
  const den = Number(m[2]);
  if (!(num > 0 && num < den && [2, 4, 8, 16, 32, 64].includes(den))) return null;
  const fs = Math.max(line.fontSize, 4);
  const onBaseline = lines.filter(
    (o) => o !== line && Math.abs(o.y - line.y) < 0.4 * fs && o.x > line.x && o.x - line.x < 12 * fs,
  );
  const after = [
    text.slice(m[0].length),
    ...onBaseline.sort((a, b) => a.x - b.x).map((o) => normalizeText(o.text)),
  ]
    .join(' ')
    .trim();
  // "3/4" C.", "1/2"EMT": a letter right after the inch mark starts a callout.
  if (WORD.test(after) || /^\p{L}/u.test(after)) return null;
  const titled = lines.some(
    (o) =>
      o !== line &&
      o.y > line.y &&
      o.y - line.y < 3 * fs &&
      o.fontSize > 1.15 * line.fontSize &&
      Math.abs(o.x - line.x) < 2 * o.fontSize &&
      WORD.test(normalizeText(o.text)),
  );
  return titled ? { text: line.text.trim(), metresPerPoint: ((12 * den) / num) * METRES_PER_POINT } : null;
}
