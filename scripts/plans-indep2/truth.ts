/**
 * Ground truth of a plans-indep2 plan, in the shape `pnpm eval:plans` reads (`TruthLike` in
 * packages/plan-analysis/src/evaluate.ts, which follows the PlanAnalysis contract).
 *
 * Coordinates are PDF user-space points of the unrotated page (origin bottom-left). Pages whose
 * MediaBox is larger than their CropBox keep the CropBox at the origin, so "user space" and
 * "origin at the visible page's bottom-left" are the same thing here.
 */
export interface Indep2Symbol {
  readonly type: string;
  /** Legend entry the symbol is drawn from (the same id as in `legend`). */
  readonly symbolId: string;
  readonly x: number;
  readonly y: number;
  /** Degrees counter-clockwise from the legend drawing; mirroring is applied first. */
  readonly rotation: number;
  readonly mirrored: boolean;
  /** Size relative to the legend drawing. */
  readonly scale: number;
  readonly room: string | null;
  readonly circuit: string | null;
  readonly bbox: readonly [number, number, number, number];
}

export interface Indep2Circuit {
  /** First breaker position of the circuit (a 2-pole breaker on 3-5 is circuit 3). */
  readonly number: number;
  readonly description: string;
  readonly amps: number | null;
  readonly poles: number | null;
}

export interface Indep2Panel {
  /** The panel's designation without the word panel: "LP-1" (PANEL: LP-1), "A" (PANNEAU A), "DB-GF". */
  readonly name: string;
  /** Normalised as "120/208 V", "120/240 V", "347/600 V", "400/230 V". */
  readonly voltage: string;
  readonly phases: number;
  readonly mainA: number | null;
  readonly positions: number;
  /** Breakers only: SPACE / ESPACE positions are not circuits; SPARE / RÉSERVE breakers are. */
  readonly circuits: readonly Indep2Circuit[];
  /** When a schedule is printed across two sheets, the sheet numbers of both parts. */
  readonly continuedOn?: string;
}

export type PageKind = 'floor' | 'schedule' | 'legend';

export interface Indep2Page {
  readonly number: number;
  readonly widthPt: number;
  readonly heightPt: number;
  readonly rotation: 0 | 90;
  readonly kind: PageKind;
  readonly sheetNumber: string;
  /** False when every word of the sheet is drawn as strokes (no PDF text operator at all). */
  readonly textLayer: boolean;
  /** The producer habit the page imitates (see README). */
  readonly producer: string;
  readonly symbolStyle: 'xobject' | 'exploded' | 'none';
  /** Scale of the viewport holding the devices; null for sheets without one or marked N.T.S. */
  readonly scale: { readonly text: string; readonly metresPerPoint: number } | null;
  readonly otherScales: readonly string[];
  readonly legend: readonly { symbolId: string; label: string; type: string }[];
  readonly rooms: readonly {
    name: string;
    areaM2: number | null;
    bbox: readonly [number, number, number, number];
  }[];
  readonly symbols: readonly Indep2Symbol[];
  readonly panels: readonly Indep2Panel[];
  /** Every style tag used on the page, for the coverage test and the README. */
  readonly styles: readonly string[];
}

export type TypeCounts = Record<string, number>;

export interface Indep2Truth {
  readonly name: string;
  readonly generator: 'plans-indep2';
  readonly set: 'dev' | 'holdout';
  readonly seed: number;
  readonly language: 'fr' | 'en';
  readonly wording: string;
  readonly expectedWarnings: readonly string[];
  readonly pages: readonly Indep2Page[];
  readonly counts: {
    byType: TypeCounts;
    byRoom: Record<string, TypeCounts>;
    bySheet: Record<string, TypeCounts>;
  };
}

/** Counts by type, by room name and by page number, from the symbols listed on the pages. */
export function tallySymbols(pages: readonly Indep2Page[]): Indep2Truth['counts'] {
  const byType: TypeCounts = {};
  const byRoom: Record<string, TypeCounts> = {};
  const bySheet: Record<string, TypeCounts> = {};
  const bump = (counts: TypeCounts, type: string): void => {
    counts[type] = (counts[type] ?? 0) + 1;
  };
  for (const page of pages) {
    for (const symbol of page.symbols) {
      bump(byType, symbol.type);
      const sheetKey = String(page.number);
      bySheet[sheetKey] ??= {};
      bump(bySheet[sheetKey], symbol.type);
      if (symbol.room !== null) {
        byRoom[symbol.room] ??= {};
        bump(byRoom[symbol.room] as TypeCounts, symbol.type);
      }
    }
  }
  return { byType, byRoom, bySheet };
}
