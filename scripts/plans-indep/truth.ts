/**
 * Ground truth of an independently generated plan, in the shape the evaluator reads
 * (`TruthLike` in packages/plan-analysis/src/evaluate.ts, which follows the analysis contract):
 * pages with scale, legend, rooms, symbols and panels, plus counts by type, room and sheet.
 * Device types are plain strings from the analysis vocabulary (see vocabulary in wording.ts).
 * Coordinates are PDF points, origin bottom-left of the unrotated page.
 */
export interface IndepSymbol {
  readonly type: string;
  readonly symbolId: string;
  readonly x: number;
  readonly y: number;
  /** Degrees counter-clockwise relative to the legend drawing; mirroring applied first. */
  readonly rotation: number;
  readonly mirrored: boolean;
  readonly scale: number;
  readonly room: string | null;
  readonly circuit: string | null;
  readonly bbox: readonly [number, number, number, number];
}

export interface IndepPanel {
  readonly name: string;
  readonly voltage: string;
  readonly phases: number;
  readonly mainA: number | null;
  /** Breaker positions of the panelboard (30, 42...), spaces included. */
  readonly positions: number;
  readonly circuits: readonly {
    number: number;
    description: string;
    amps: number | null;
    poles: number | null;
  }[];
}

export interface IndepPage {
  readonly number: number;
  readonly widthPt: number;
  readonly heightPt: number;
  readonly rotation: number;
  readonly kind: 'floor' | 'schedule' | 'legend';
  readonly sheetNumber: string;
  /** False when every word of the sheet is drawn as strokes (no PDF text at all). */
  readonly textLayer: boolean;
  /** Symbols drawn as Form XObjects or exploded into plain paths per insertion. */
  readonly symbolStyle: 'xobject' | 'exploded';
  /** Scale of the main viewport; null for sheets without one (legend, schedule, N.T.S.). */
  readonly scale: { text: string; metresPerPoint: number } | null;
  /** Other viewport scales printed on the sheet (enlarged plans), informative. */
  readonly otherScales: readonly string[];
  readonly legend: readonly { symbolId: string; label: string; type: string }[];
  readonly rooms: readonly {
    name: string;
    areaM2: number | null;
    bbox: readonly [number, number, number, number];
  }[];
  readonly symbols: readonly IndepSymbol[];
  readonly panels: readonly IndepPanel[];
}

export type TypeCounts = Record<string, number>;

export interface IndepTruth {
  readonly name: string;
  readonly generator: 'plans-indep';
  readonly set: 'dev' | 'holdout';
  readonly seed: number;
  readonly language: 'fr' | 'en';
  readonly wording: string;
  readonly summary: string;
  readonly expectedWarnings: readonly string[];
  readonly pages: readonly IndepPage[];
  readonly counts: {
    byType: TypeCounts;
    byRoom: Record<string, TypeCounts>;
    bySheet: Record<string, TypeCounts>;
  };
}

export function countTruth(pages: readonly IndepPage[]): IndepTruth['counts'] {
  const byType: TypeCounts = {};
  const byRoom: Record<string, TypeCounts> = {};
  const bySheet: Record<string, TypeCounts> = {};
  const inc = (c: TypeCounts, t: string) => {
    c[t] = (c[t] ?? 0) + 1;
  };
  for (const page of pages) {
    for (const s of page.symbols) {
      inc(byType, s.type);
      bySheet[String(page.number)] ??= {};
      inc(bySheet[String(page.number)] as TypeCounts, s.type);
      if (s.room !== null) {
        byRoom[s.room] ??= {};
        inc(byRoom[s.room] as TypeCounts, s.type);
      }
    }
  }
  return { byType, byRoom, bySheet };
}
