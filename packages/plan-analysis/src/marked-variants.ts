import { bboxCenter } from './geometry.ts';
import type { LegendSymbol, SymbolTemplate } from './legend.ts';
import type { SymbolMatch } from './match-symbols.ts';
import type { BBox } from './primitives.ts';
import type { TextLine } from './text-lines.ts';
import {
  deviceTypeFromCode,
  isMarkedVariantOf,
  labelNamesADevice,
  labelNamesPlainFeature,
  markedVariantsOf,
  normalizeSymbolText,
} from './vocabulary.ts';

/** A short code drawn on the sheet ("GFCI", "WP", "EM", "3") and the device it names alone. */
type CodeSpot = {
  type: ReturnType<typeof deviceTypeFromCode>;
  text: string;
  cx: number;
  cy: number;
};

/**
 * Gives each match of a base symbol to the most specific legend entry its marking supports.
 *
 * A marked variant is the base symbol plus letters or strokes (GFCI = receptacle + "GFCI", S3 =
 * S + "3", weatherproof = receptacle + "WP"). When the legend draws the mark, the matcher already
 * prefers the marked entry (it explains more ink and text). Two cases remain, decided here on
 * the geometry of the sheet:
 * - the drafter put the code elsewhere than the legend does (below instead of beside): a base
 *   match with an unclaimed code naming one of its variants nearby goes to that variant's entry;
 * - the legend draws two entries alike and only their wording differs ("GFCI receptacle" and
 *   "Duplex receptacle" with the same circle): which of the twins the matcher kept says nothing,
 *   so a match goes to the variant only when its code stands nearby, and to the base otherwise.
 * The reverse never happens: a match whose own template carries the mark keeps it.
 *
 * A code is claimed by the nearest match (within ~1 symbol size of its box), so the code of one
 * GFCI never marks the plain receptacle beside it, and text a template explains (its own "DDFT")
 * is never a mark for another match.
 */
export function assignMarkedVariants(
  matches: readonly SymbolMatch[],
  entries: readonly LegendSymbol[],
  texts: readonly TextLine[],
  /** Stroke marks found on their own (see `markEntries`): the variant each one names. */
  marks: readonly SymbolMatch[] = [],
): SymbolMatch[] {
  // A mark found on a symbol's own ink is that symbol's drawing, not a mark beside it (the second
  // tail of a va-et-vient drawn doubled looks like a plain switch's tail).
  const spots: CodeSpot[] = marks
    .filter((k) => !matches.some((m) => inBox(m.bbox, k.x, k.y)))
    .map((k) => ({ type: k.entry.type, text: `#${k.entry.symbolId}`, cx: k.x, cy: k.y }));
  for (const t of texts) {
    const text = normalizeSymbolText(t.text);
    if (text.length === 0 || text.length > 5) continue;
    const [cx, cy] = bboxCenter(t.bbox);
    spots.push({ type: deviceTypeFromCode(text), text, cx, cy });
  }
  // Codes a match explains itself (its template's text inside its box) mark nothing else.
  const free = spots.filter(
    (s) =>
      !matches.some(
        (m) => inBox(m.bbox, s.cx, s.cy) && m.entry.template.texts.some((t) => t.text === s.text),
      ),
  );
  const codesOf = new Map<SymbolMatch, CodeSpot[]>();
  for (const s of free) {
    let best: SymbolMatch | null = null;
    let bestD = Number.POSITIVE_INFINITY;
    for (const m of matches) {
      const d = distanceToBox(m.bbox, s.cx, s.cy);
      if (d < bestD && d <= symbolSize(m)) {
        best = m;
        bestD = d;
      }
    }
    if (!best) continue;
    const list = codesOf.get(best) ?? [];
    list.push(s);
    codesOf.set(best, list);
  }

  const twinsOf = new Map<LegendSymbol, LegendSymbol[]>();
  return matches.map((m) => {
    const twins =
      twinsOf.get(m.entry) ??
      entries.filter((e) => e === m.entry || sameTemplate(e.template, m.entry.template));
    twinsOf.set(m.entry, twins);
    // The least specific of the look-alike entries is the base ("receptacle" among receptacle and
    // an identical "GFCI receptacle").
    const base = twins.find((e) => !twins.some((o) => isMarkedVariantOf(e.type, o.type))) ?? m.entry;
    const codes = (codesOf.get(m) ?? []).map((s) => markType(base.type, s));
    const variant = markedVariantsOf(base.type).find((v) => codes.includes(v));
    if (variant) {
      const target =
        twins.find((e) => e.type === variant) ?? closestEntryOfType(entries, variant, m.entry.template);
      return target && target !== m.entry ? { ...m, entry: target } : m;
    }
    return base === m.entry ? m : { ...m, entry: base };
  });
}

/**
 * The marks of the marked legend entries drawn as strokes (the letters "GFCI" of a GFCI
 * receptacle block), as entries of their own: the variant's parts that its base entry does not
 * draw, once both drawings are put on their anchors (the largest closed part, e.g. the
 * receptacle's circle). CAD keeps such letters upright or moves them off the wall when the block
 * turns, so the whole variant no longer matches; the mark alone, found next to a base match,
 * still says which variant it is. Entries whose mark is text are left to the codes.
 */
export function markEntries(entries: readonly LegendSymbol[]): LegendSymbol[] {
  const out: LegendSymbol[] = [];
  for (const v of entries) {
    const base = entries.find(
      (b) => b !== v && isMarkedVariantOf(v.type, b.type) && b.template.subpaths.length > 0,
    );
    if (!base || v.template.subpaths.length <= base.template.subpaths.length) continue;
    const va = largestClosed(v.template);
    const ba = largestClosed(base.template);
    if (!va || !ba) continue;
    const [vx, vy] = bboxCenter(va.bbox);
    const [bx, by] = bboxCenter(ba.bbox);
    const tol = 0.08 * base.template.size;
    const shifted = (b: BBox): BBox => [b[0] - vx + bx, b[1] - vy + by, b[2] - vx + bx, b[3] - vy + by];
    const extra = v.template.subpaths.filter((sp) => {
      const b = shifted(sp.bbox);
      return !base.template.subpaths.some((o) => o.bbox.every((c, i) => Math.abs(c - (b[i] ?? 0)) <= tol));
    });
    // A mark of a single short stroke looks like too many things on a plan to stand alone.
    if (extra.length < 2) continue;
    const box = extra.map((sp) => sp.bbox);
    const bbox: BBox = [
      Math.min(...box.map((b) => b[0])),
      Math.min(...box.map((b) => b[1])),
      Math.max(...box.map((b) => b[2])),
      Math.max(...box.map((b) => b[3])),
    ];
    const [cx, cy] = bboxCenter(bbox);
    const subpaths = extra.map((sp) => ({
      ...sp,
      points: sp.points.map((c, i) => (i % 2 === 0 ? c - cx : c - cy)),
      bbox: [sp.bbox[0] - cx, sp.bbox[1] - cy, sp.bbox[2] - cx, sp.bbox[3] - cy] as BBox,
    }));
    out.push({
      ...v,
      template: {
        subpaths,
        texts: [],
        bbox: [bbox[0] - cx, bbox[1] - cy, bbox[2] - cx, bbox[3] - cy],
        size: Math.max(bbox[2] - bbox[0], bbox[3] - bbox[1]),
        anchor: [0, 0],
      },
    });
  }
  return out;
}

/**
 * Legend rows whose wording lost its mark (OCR dropped the "GFI" of "GFI duplex receptacle", or
 * read the row as noise) but whose symbol shows it: the symbol is a base entry's drawing plus
 * strokes. Such a row is a marked variant of that base; which one, the legend says when exactly
 * one variant of the base is missing from it (a legend lists each device once). Rows read as a
 * base device or as nothing known qualify; a row naming another device ("Prise TV") never does,
 * nor one naming what its extra strokes are ("duplex w/ USB charging ports").
 * Other rows are returned unchanged.
 */
export function inferMarkedVariants(entries: readonly LegendSymbol[]): LegendSymbol[] {
  const out = [...entries];
  const bases = [...new Set(entries.map((e) => e.type))].filter((t) => markedVariantsOf(t).length > 0);
  for (const baseType of bases) {
    const missing = markedVariantsOf(baseType).filter((v) => !entries.some((e) => e.type === v));
    if (missing.length !== 1) continue;
    const plain = entries.filter((e) => e.type === baseType && e.template.subpaths.length > 0);
    const marked = entries.filter(
      (e) =>
        ((e.type === baseType && !labelNamesPlainFeature(e.label)) ||
          (e.type === 'other' && !labelNamesADevice(e.label))) &&
        plain.some((b) => b !== e && extraParts(e.template, b.template) !== null),
    );
    const variant = missing[0];
    const only = marked[0];
    if (marked.length !== 1 || !only || !variant) continue;
    out[out.indexOf(only)] = { ...only, type: variant };
  }
  return out;
}

/**
 * The parts of `v` that `base` does not draw, once both are put on their largest closed part;
 * null unless `v` draws every part of `base` and at least two more (a mark, not a stray stroke).
 */
function extraParts(v: SymbolTemplate, base: SymbolTemplate): SymbolTemplate['subpaths'] | null {
  const va = largestClosed(v);
  const ba = largestClosed(base);
  if (!va || !ba) return null;
  const tol = 0.08 * base.size;
  if (Math.abs(va.bbox[2] - va.bbox[0] - (ba.bbox[2] - ba.bbox[0])) > tol) return null;
  const [vx, vy] = bboxCenter(va.bbox);
  const [bx, by] = bboxCenter(ba.bbox);
  const shifted = (b: BBox): BBox => [b[0] - vx + bx, b[1] - vy + by, b[2] - vx + bx, b[3] - vy + by];
  const near = (p: BBox, q: BBox) => p.every((c, i) => Math.abs(c - (q[i] ?? Number.NaN)) <= tol);
  const placed = v.subpaths.map((sp) => shifted(sp.bbox));
  if (!base.subpaths.every((o) => placed.some((b) => near(o.bbox, b)))) return null;
  const extra = v.subpaths.filter((_, i) => !base.subpaths.some((o) => near(o.bbox, placed[i] as BBox)));
  return extra.length >= 2 ? extra : null;
}

function largestClosed(t: SymbolTemplate): SymbolTemplate['subpaths'][number] | undefined {
  const area = (b: BBox) => (b[2] - b[0]) * (b[3] - b[1]);
  return t.subpaths.filter((sp) => sp.closed).sort((a, b) => area(b.bbox) - area(a.bbox))[0];
}

/**
 * The device a code names beside a symbol of `base`: its own meaning ("GFCI", "EM"), or, beside
 * a switch, the switch letter plus the mark — a "3", "4" or "D" set apart from the "S" (or from
 * a drawn switch symbol) still says S3, S4, SD.
 */
function markType(base: LegendSymbol['type'], spot: CodeSpot): LegendSymbol['type'] | null {
  if (spot.type && spot.type !== 'switch') return spot.type;
  if (base === 'switch') return deviceTypeFromCode(`S${spot.text}`);
  return spot.type;
}

/** The legend entry of `type` whose drawing is closest to `like` (same number of parts first). */
function closestEntryOfType(
  entries: readonly LegendSymbol[],
  type: LegendSymbol['type'],
  like: SymbolTemplate,
): LegendSymbol | undefined {
  const ofType = entries.filter((e) => e.type === type);
  return (
    ofType.find((e) => e.template.subpaths.length === like.subpaths.length) ??
    ofType.find((e) => e.template.subpaths.length > like.subpaths.length) ??
    ofType[0]
  );
}

/**
 * Two legend drawings of the same symbol: same parts (open/closed, filled, boxes within 6 % of
 * the size, relative to the centre, and lines that follow each other within that distance) and
 * the same codes. Boxes alone are not enough: letters drawn as strokes inside a circle ("SD"
 * for smoke, "CO" for carbon monoxide) fill the same boxes.
 */
export function sameTemplate(a: SymbolTemplate, b: SymbolTemplate): boolean {
  if (a.subpaths.length !== b.subpaths.length || a.texts.length !== b.texts.length) return false;
  if (Math.abs(a.size - b.size) > 0.06 * Math.max(a.size, b.size)) return false;
  const tol = 0.06 * Math.max(a.size, b.size);
  const near = (p: BBox, q: BBox) => p.every((v, i) => Math.abs(v - (q[i] ?? Number.NaN)) <= tol);
  const used = new Set<number>();
  for (const sp of a.subpaths) {
    const k = b.subpaths.findIndex(
      (o, i) =>
        !used.has(i) &&
        o.closed === sp.closed &&
        o.filled === sp.filled &&
        near(o.bbox, sp.bbox) &&
        sameLine(o.points, sp.points, tol),
    );
    if (k < 0) return false;
    used.add(k);
  }
  const codes = (t: SymbolTemplate) =>
    t.texts
      .map((x) => x.text)
      .sort()
      .join('|');
  return codes(a) === codes(b);
}

/** Every vertex of each polyline lies within `tol` of the other polyline. */
function sameLine(a: readonly number[], b: readonly number[], tol: number): boolean {
  return vertsNear(a, b, tol) && vertsNear(b, a, tol);
}

function vertsNear(from: readonly number[], to: readonly number[], tol: number): boolean {
  for (let i = 0; i + 1 < from.length; i += 2) {
    const x = from[i] ?? 0;
    const y = from[i + 1] ?? 0;
    let best = Number.POSITIVE_INFINITY;
    for (let j = 0; j + 3 < to.length && best > tol; j += 2)
      best = Math.min(
        best,
        segmentDistance(x, y, to[j] ?? 0, to[j + 1] ?? 0, to[j + 2] ?? 0, to[j + 3] ?? 0),
      );
    if (to.length === 2) best = Math.hypot(x - (to[0] ?? 0), y - (to[1] ?? 0));
    if (best > tol) return false;
  }
  return true;
}

function segmentDistance(x: number, y: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / len2));
  return Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy));
}

function symbolSize(m: SymbolMatch): number {
  return Math.max(m.bbox[2] - m.bbox[0], m.bbox[3] - m.bbox[1]);
}

function inBox(b: BBox, x: number, y: number): boolean {
  return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
}

function distanceToBox(b: BBox, x: number, y: number): number {
  const dx = Math.max(b[0] - x, 0, x - b[2]);
  const dy = Math.max(b[1] - y, 0, y - b[3]);
  return Math.hypot(dx, dy);
}
