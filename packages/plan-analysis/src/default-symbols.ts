import { bboxCenter, D4_OPS, flattenPaths } from './geometry.ts';
import type { InkIndex } from './ink-index.ts';
import type { LegendSymbol } from './legend.ts';
import type { MatchOptions, SymbolMatch } from './match-symbols.ts';
import type { PathSegment } from './primitives.ts';
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
