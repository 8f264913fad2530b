import type { PageRegistration, SheetPairing, SymbolChange, SymbolChangeKind } from './types.ts';

/**
 * Geometry and styling of the comparison overlay, pure. The comparison's positions are PDF
 * points in each plan's own page space (origin bottom-left); its page registration takes a point
 * of the revised page into the base page's frame (p' = s·R(θ)·p + t, docs/comparisons.md). The
 * overlay draws in the *frame page*'s top-left space (x right, y down, as the plan viewer does):
 * the base page when the sheet exists in the base set, else the revised page (a sheet added).
 */

/**
 * How each kind of change is drawn. Colour is never the only cue: each kind has its own shape and
 * a sign in the legend, the tables and the canvas label (WCAG 1.4.1). Every colour is ≥ 4.5:1
 * against white (test/comparison-overlay.test.ts), so it also works as text.
 */
export const CHANGE_STYLES: Record<
  SymbolChangeKind,
  { color: string; shape: 'circle' | 'square' | 'diamond'; sign: string }
> = {
  added: { color: '#15803d', shape: 'circle', sign: '+' },
  removed: { color: '#b91c1c', shape: 'square', sign: '−' },
  moved: { color: '#b45309', shape: 'diamond', sign: '→' },
};

export const CHANGE_KINDS: readonly SymbolChangeKind[] = ['added', 'removed', 'moved'];

/** The part of a page registration that places points. */
export type Similarity = Pick<PageRegistration, 'scale' | 'rotationDeg' | 'tx' | 'ty'>;

/** A 2-D affine map as the canvas takes it: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = { a: number; b: number; c: number; d: number; e: number; f: number };

export const IDENTITY_MATRIX: Matrix = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };

export function applyMatrix(m: Matrix, x: number, y: number): { x: number; y: number } {
  return { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f };
}

/**
 * Revised top-left space → frame (base) top-left space, from the registration (null = identity:
 * a sheet present on one side only, drawn in its own frame). With c = s·cos θ, k = s·sin θ, a
 * revised top-left point (u, v) is (u, Hr − v) in page space, (c·u − k·(Hr − v) + tx,
 * k·u + c·(Hr − v) + ty) in the base page space, and Hb minus that y in base top-left space.
 */
export function revisedToFrame(
  registration: Similarity | null,
  revisedHeightPt: number,
  baseHeightPt: number,
): Matrix {
  if (!registration) return IDENTITY_MATRIX;
  const theta = (registration.rotationDeg * Math.PI) / 180;
  const c = registration.scale * Math.cos(theta);
  const k = registration.scale * Math.sin(theta);
  return {
    a: c,
    b: -k,
    c: k,
    d: c,
    e: registration.tx - k * revisedHeightPt,
    f: baseHeightPt - c * revisedHeightPt - registration.ty,
  };
}

/** Page heights (points) of the two pages of a pair; 0 for a side the pair does not have. */
export type PairHeights = { base: number; revised: number };

/** One change as drawn: its position (and a moved symbol's old one) in the frame's top-left space. */
export type OverlayMark = {
  change: SymbolChangeKind;
  type: string;
  room: string | null;
  x: number;
  y: number;
  from?: { x: number; y: number };
  /** Index in the comparison's `symbols`, to tie a mark to its table row. */
  index: number;
};

/**
 * The changes of one sheet pair, placed in its frame: removed symbols are on the base page (drawn
 * where they were), added and moved ones on the revised page (registered into the base frame);
 * a moved symbol's `from` is already base page space. Changes of other pages are left out.
 */
export function marksOfPair(
  symbols: readonly SymbolChange[],
  pair: Pick<SheetPairing, 'basePage' | 'revisedPage'> & { registration: Similarity | null },
  heights: PairHeights,
): OverlayMark[] {
  const frameHeight = pair.basePage !== null ? heights.base : heights.revised;
  const fromRevised = revisedToFrame(
    pair.basePage !== null ? pair.registration : null,
    heights.revised,
    frameHeight,
  );
  const marks: OverlayMark[] = [];
  symbols.forEach((s, index) => {
    if (s.change === 'removed') {
      if (s.page !== pair.basePage) return;
      marks.push({ change: s.change, type: s.type, room: s.room, x: s.x, y: heights.base - s.y, index });
      return;
    }
    if (s.page !== pair.revisedPage) return;
    const at = applyMatrix(fromRevised, s.x, heights.revised - s.y);
    const mark: OverlayMark = { change: s.change, type: s.type, room: s.room, ...at, index };
    if (s.from && s.from.page === pair.basePage) mark.from = { x: s.from.x, y: heights.base - s.from.y };
    marks.push(mark);
  });
  return marks;
}

/** Counts of each kind among `marks` (for the legend and the canvas label). */
export function tallyMarks(marks: readonly Pick<OverlayMark, 'change'>[]): Record<SymbolChangeKind, number> {
  const tally: Record<SymbolChangeKind, number> = { added: 0, removed: 0, moved: 0 };
  for (const m of marks) tally[m.change] += 1;
  return tally;
}

/**
 * The rows of a `{ key: {added, removed, moved} }` tally, most changes first then by key, with the
 * net change in count (added − removed; a move changes no count).
 */
export function tallyRows(
  tally: Record<string, { added: number; removed: number; moved: number }>,
): Array<{ key: string; added: number; removed: number; moved: number; net: number }> {
  return Object.entries(tally)
    .map(([key, t]) => ({ key, ...t, net: t.added - t.removed }))
    .sort(
      (p, q) => q.added + q.removed + q.moved - (p.added + p.removed + p.moved) || p.key.localeCompare(q.key),
    );
}

/**
 * The order of the sheet selector: indices of `pages` with the changed sheets (modified, added,
 * removed) first, then the unchanged ones, each group in the comparison's order. The first index
 * is the sheet shown when the page opens.
 */
export function sheetOrder(pages: readonly Pick<SheetPairing, 'change'>[]): number[] {
  const indices = pages.map((_, i) => i);
  return [
    ...indices.filter((i) => pages[i]?.change !== 'unchanged'),
    ...indices.filter((i) => pages[i]?.change === 'unchanged'),
  ];
}

/** The mark nearest to a top-left frame point within `radiusPt` (a marker's size on screen), else null. */
export function markAt<M extends Pick<OverlayMark, 'x' | 'y'>>(
  marks: readonly M[],
  point: { x: number; y: number },
  radiusPt: number,
): M | null {
  let best: M | null = null;
  let bestDistance = radiusPt;
  for (const m of marks) {
    const d = Math.hypot(m.x - point.x, m.y - point.y);
    if (d <= bestDistance) {
      best = m;
      bestDistance = d;
    }
  }
  return best;
}
