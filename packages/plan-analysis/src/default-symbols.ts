import type { Subpath } from './geometry.ts';
import { bboxCenter, D4_OPS, flattenPaths, unionBBoxes } from './geometry.ts';
import type { InkIndex } from './ink-index.ts';
import type { LegendSymbol } from './legend.ts';
import type { MatchOptions, SymbolMatch } from './match-symbols.ts';
import type { BBox, PathSegment } from './primitives.ts';
import type { TextLine } from './text-lines.ts';
import { normalizeSymbolText } from './vocabulary.ts';

/** Symbol id prefix of the built-in symbols (never a legend row of the sheet). */
export const DEFAULT_SYMBOL_PREFIX = 'default-';

/** A circle of radius `r` around the origin as four Bézier quarters (what CAD exports). */
function circleSegments(r: number): PathSegment[] {
  const k = 0.5522847498 * r;
  return [
    { op: 'moveTo', x: r, y: 0 },
    { op: 'curveTo', x1: r, y1: k, x2: k, y2: r, x: 0, y: r },
    { op: 'curveTo', x1: -k, y1: r, x2: -r, y2: k, x: -r, y: 0 },
    { op: 'curveTo', x1: -r, y1: -k, x2: -k, y2: -r, x: 0, y: -r },
    { op: 'curveTo', x1: k, y1: -r, x2: r, y2: -k, x: r, y: 0 },
    { op: 'closePath' },
  ];
}

/**
 * Symbols a sheet without any legend is still read with: a junction box drawn as a circle with
 * "J" (a near-universal convention in North-American and Québec electrical drawings, needing no
 * legend). Only unambiguous shape + letter pairs belong here; a bare circle is not one.
 */
export function defaultLegendEntries(): LegendSymbol[] {
  const r = 4;
  const subpaths = flattenPaths([
    {
      segments: circleSegments(r),
      stroke: true,
      fill: false,
      evenOdd: false,
      lineWidth: 0.5,
      dashed: false,
      strokeColor: '#000000',
      fillColor: '#000000',
      bbox: [-r, -r, r, r],
    },
  ]);
  return [
    {
      symbolId: `${DEFAULT_SYMBOL_PREFIX}junction_box`,
      label: 'J',
      type: 'junction_box',
      template: {
        subpaths,
        texts: [{ text: 'J', cx: 0, cy: 0, fontSize: 5 }],
        bbox: [-r, -r, r, r],
        size: 2 * r,
        anchor: [0, 0],
      },
      bboxOnPage: [-r, -r, r, r],
      page: 0,
    },
  ];
}

/**
 * Sizes a built-in symbol is looked for at (5–16 pt across): device symbols, not the grid
 * bubbles ("J" in a 20–30 pt circle) nor the lettered dots of a detail.
 */
export const DEFAULT_SYMBOL_MATCH: MatchOptions = { scaleRange: [0.6, 2] };

/** Fewest of `RING_SAMPLES` points around a letter that must lie on ink for a ring to be there. */
const RING_SAMPLES = 24;
const RING_MIN_HITS = 21;
/**
 * Junction-box circles are device symbols, 5–24 pt across at full-size plotting; a grid bubble
 * (30 pt and more, its letter 10 pt and more) is not one.
 */
const RING_RADIUS: readonly [number, number] = [2.4, 12];
const RING_MAX_FONT = 9;

/** A ring of ink found around a letter: its centre and radius, and the share of it inked. */
export type LetterRing = { x: number; y: number; r: number; coverage: number };

/**
 * The ring of ink centred on a single-letter text ("J"), whatever the circle is drawn with
 * (Bézier quarters, arcs split in pieces, dozens of short straight segments): ink is looked for
 * at 24 points around the letter, running along the circle. Centre and radius are searched
 * around the letter's box (fonts place a glyph's box off its visual centre). Null when no ring of
 * device size surrounds it.
 */
export function ringAroundLetter(letter: TextLine, ink: InkIndex): LetterRing | null {
  const fs = letter.fontSize;
  if (fs <= 0 || fs > RING_MAX_FONT) return null;
  const [cx, cy] = bboxCenter(letter.bbox);
  const rMin = Math.max(RING_RADIUS[0], 0.6 * fs);
  const rMax = Math.min(RING_RADIUS[1], 3 * fs);
  let best: LetterRing | null = null;
  for (let r = rMin; r <= rMax; r *= 1.06) {
    const tol = Math.max(0.4, 0.07 * r);
    for (let oy = -0.5; oy <= 0.5; oy += 0.125)
      for (let ox = -0.3; ox <= 0.3; ox += 0.15) {
        const x = cx + ox * fs;
        const y = cy + oy * fs;
        let hits = 0;
        for (let k = 0; k < RING_SAMPLES && k - hits <= RING_SAMPLES - RING_MIN_HITS; k++) {
          const a = (2 * Math.PI * k) / RING_SAMPLES;
          const c = Math.cos(a);
          const s = Math.sin(a);
          // Ink tangent to the circle there (a wall crossing it radially does not count).
          if (ink.hasInkNear(x + r * c, y + r * s, tol, -s, c, 0.45)) hits++;
        }
        if (hits < RING_MIN_HITS) continue;
        const coverage = hits / RING_SAMPLES;
        if (!best || coverage > best.coverage) best = { x, y, r, coverage };
      }
  }
  return best;
}

/**
 * Junction boxes found from their letter: every standalone "J" of the drawing with a ring of ink
 * around it, as matches of the built-in junction-box entry (so overlap resolution, scale
 * consistency and circuit tags treat them like any other match). Complements the template match,
 * which needs the circle drawn as one curved path within its scale range.
 */
export function junctionBoxesByLetter(args: {
  entry: LegendSymbol;
  texts: readonly TextLine[];
  ink: InkIndex;
  isDrawing: (x: number, y: number) => boolean;
}): SymbolMatch[] {
  const identity = D4_OPS[0];
  if (!identity) return [];
  const out: SymbolMatch[] = [];
  for (const t of args.texts) {
    if (normalizeSymbolText(t.text) !== 'J' || t.angle % 90 !== 0) continue;
    const ring = ringAroundLetter(t, args.ink);
    if (!ring || !args.isDrawing(ring.x, ring.y)) continue;
    const s = ring.r / (args.entry.template.size / 2);
    out.push({
      entry: args.entry,
      placement: { g: identity, s, tx: ring.x, ty: ring.y },
      bbox: [ring.x - ring.r, ring.y - ring.r, ring.x + ring.r, ring.y + ring.r],
      x: ring.x,
      y: ring.y,
      coverage: ring.coverage,
      unexplained: 0,
      score: 2 * Math.PI * ring.r + t.fontSize,
      confidence: ring.coverage,
    });
  }
  return out;
}

/**
 * The built-in duplex receptacle (ANSI Y32.9 / NEC plan convention: a circle with two parallel
 * lines across it) and its marked variants, one template for all three so that the marks beside
 * a match ("GFI", "GFCI", "WP") pick the variant, as they do for a legend's look-alike rows.
 */
export function defaultReceptacleEntries(): LegendSymbol[] {
  const r = 4;
  const stroke = (segments: PathSegment[], bbox: [number, number, number, number]) => ({
    segments,
    stroke: true,
    fill: false,
    evenOdd: false,
    lineWidth: 0.5,
    dashed: false,
    strokeColor: '#000000',
    fillColor: '#000000',
    bbox,
  });
  const subpaths = flattenPaths([
    stroke(circleSegments(r), [-r, -r, r, r]),
    stroke(
      [
        { op: 'moveTo', x: -1.6, y: -6 },
        { op: 'lineTo', x: -1.6, y: 6 },
      ],
      [-1.6, -6, -1.6, 6],
    ),
    stroke(
      [
        { op: 'moveTo', x: 1.6, y: -6 },
        { op: 'lineTo', x: 1.6, y: 6 },
      ],
      [1.6, -6, 1.6, 6],
    ),
  ]);
  const template = {
    subpaths,
    texts: [],
    bbox: [-r, -6, r, 6] as BBox,
    size: 12,
    anchor: [0, 0] as [number, number],
  };
  return (['receptacle', 'receptacle_gfci', 'receptacle_weatherproof'] as const).map((type) => ({
    symbolId: `${DEFAULT_SYMBOL_PREFIX}${type}`,
    label: type === 'receptacle' ? 'duplex receptacle' : type === 'receptacle_gfci' ? 'GFCI' : 'WP',
    type,
    template,
    bboxOnPage: template.bbox,
    page: 0,
  }));
}

/** Receptacle circles: 5–18 pt across, drawn as one curved closed stroke, not filled. */
const RECEPTACLE_DIAMETER: readonly [number, number] = [4.8, 18];

/** A straight stroke: an open subpath whose points all lie on one line. */
function straightStroke(sp: Subpath): [number, number, number, number] | null {
  if (sp.closed || sp.curved || sp.points.length < 4) return null;
  const p = sp.points;
  const ax = p[0] ?? 0;
  const ay = p[1] ?? 0;
  const bx = p[p.length - 2] ?? 0;
  const by = p[p.length - 1] ?? 0;
  const len = Math.hypot(bx - ax, by - ay);
  if (len < 1e-6) return null;
  for (let i = 2; i < p.length - 2; i += 2) {
    const d = Math.abs((bx - ax) * ((p[i + 1] ?? 0) - ay) - (by - ay) * ((p[i] ?? 0) - ax)) / len;
    if (d > 0.05 * len) return null;
  }
  return [ax, ay, bx, by];
}

/**
 * Duplex receptacles drawn by the US / Québec convention on a sheet without a legend: a circle of
 * device size, nothing written inside it, crossed or touched by two parallel straight strokes of
 * about its size, one on each side of its centre and at the same distance (the two slots; the
 * whole symbol turns with its wall). A circle with a letter in it is another device (a "J" box).
 */
export function receptaclesByShape(args: {
  entry: LegendSymbol;
  subpaths: readonly Subpath[];
  ink: InkIndex;
  texts: readonly TextLine[];
  isDrawing: (x: number, y: number) => boolean;
}): SymbolMatch[] {
  const identity = D4_OPS[0];
  if (!identity) return [];
  const out: SymbolMatch[] = [];
  args.subpaths.forEach((circle) => {
    if (!circle.closed || !circle.curved || circle.filled) return;
    const [x0, y0, x1, y1] = circle.bbox;
    const w = x1 - x0;
    const h = y1 - y0;
    if (w < RECEPTACLE_DIAMETER[0] || w > RECEPTACLE_DIAMETER[1] || Math.abs(w - h) > 0.12 * w) return;
    const r = (w + h) / 4;
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    if (!args.isDrawing(cx, cy)) return;
    if (
      args.texts.some((t) => {
        const [tx, ty] = bboxCenter(t.bbox);
        return Math.hypot(tx - cx, ty - cy) < 0.8 * r;
      })
    )
      return;
    // Straight strokes near the circle, as offsets across and spans along their own direction.
    const seen = new Set<number>();
    const strokes: { dx: number; dy: number; across: number; from: number; to: number; box: BBox }[] = [];
    args.ink.forEachNear(cx - 3 * r, cy - 3 * r, cx + 3 * r, cy + 3 * r, (k) => {
      const owner = args.ink.owner[k] ?? -1;
      if (seen.has(owner)) return false;
      seen.add(owner);
      const sp = args.subpaths[owner];
      const line = sp ? straightStroke(sp) : null;
      if (!line) return false;
      const [ax, ay, bx, by] = line;
      const len = Math.hypot(bx - ax, by - ay);
      if (len < 0.6 * r || len > 3.2 * r) return false;
      const dx = (bx - ax) / len;
      const dy = (by - ay) / len;
      const across = (ax - cx) * -dy + (ay - cy) * dx;
      const a = (ax - cx) * dx + (ay - cy) * dy;
      const b = (bx - cx) * dx + (by - cy) * dy;
      strokes.push({
        dx,
        dy,
        across,
        from: Math.min(a, b),
        to: Math.max(a, b),
        box: [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)],
      });
      return false;
    });
    let slots: BBox | null = null;
    const pair = strokes.some((s, i) =>
      strokes.some((o, j) => {
        if (j <= i) return false;
        const cos = s.dx * o.dx + s.dy * o.dy;
        if (Math.abs(cos) < 0.995) return false;
        const oAcross = cos > 0 ? o.across : -o.across;
        const oFrom = cos > 0 ? o.from : -o.to;
        const oTo = cos > 0 ? o.to : -o.from;
        const gap = Math.abs(s.across - oAcross);
        // One on each side of the centre, the same distance away, inside the circle.
        if (s.across * oAcross >= 0 || Math.abs(s.across + oAcross) > 0.2 * r) return false;
        if (gap < 0.3 * r || gap > 1.4 * r) return false;
        // Both reach the circle (they cross it or start on it) and span alike.
        const reaches = (from: number, to: number) => from <= 1.1 * r && to >= -1.1 * r;
        const ok =
          reaches(s.from, s.to) &&
          reaches(oFrom, oTo) &&
          Math.abs(s.from - oFrom) < 0.35 * r &&
          Math.abs(s.to - oTo) < 0.35 * r;
        if (ok) slots = unionBBoxes([s.box, o.box]);
        return ok;
      }),
    );
    if (!pair) return;
    const s = r / 4;
    // The symbol's box is the circle and its slots (what a mark beside it is measured from).
    const bbox = unionBBoxes([[cx - r, cy - r, cx + r, cy + r], ...(slots ? [slots] : [])]) ?? circle.bbox;
    out.push({
      entry: args.entry,
      placement: { g: identity, s, tx: cx, ty: cy },
      bbox,
      x: cx,
      y: cy,
      coverage: 1,
      unexplained: 0,
      score: 2 * Math.PI * r + 4 * r,
      confidence: 0.9,
    });
  });
  return out;
}
