/**
 * Ground truth of one generated set, in the shape `pnpm eval:plans` reads (`TruthLike` in
 * packages/plan-analysis/src/evaluate.ts). Coordinates are PDF points of the unrotated page.
 * These sheets carry no counted devices: the truth is the boards (panels) and the scale.
 */
export interface Indep3Circuit {
  readonly number: number;
  readonly description: string;
  readonly amps: number | null;
  /** Null when the breaker text does not print the poles ("C16", "20A"). */
  readonly poles: number | null;
}

export interface Indep3Panel {
  readonly name: string;
  /** "400/230 V" or "230 V". */
  readonly voltage: string;
  readonly phases: number;
  readonly mainA: number | null;
  /** Ways of the board as printed, spares and spaces included. */
  readonly positions: number;
  readonly circuits: readonly Indep3Circuit[];
}

export interface Indep3Page {
  readonly number: number;
  readonly widthPt: number;
  readonly heightPt: number;
  readonly rotation: number;
  readonly kind: 'schedule' | 'legend';
  readonly sheetNumber: string;
  readonly textLayer: boolean;
  readonly symbolStyle: 'xobject' | 'exploded';
  /** Always null: single-line diagrams are printed "N.T.S.". */
  readonly scale: null;
  readonly otherScales: readonly string[];
  readonly legend: readonly { symbolId: string; label: string; type: string }[];
  readonly rooms: readonly {
    name: string;
    areaM2: number | null;
    bbox: readonly [number, number, number, number];
  }[];
  readonly symbols: readonly never[];
  readonly panels: readonly Indep3Panel[];
  /** Producer habits used on the page (informative). */
  readonly styles: readonly string[];
}

export interface Indep3Truth {
  readonly name: string;
  readonly generator: 'plans-indep3';
  readonly set: 'dev' | 'holdout';
  readonly seed: number;
  readonly language: 'en';
  readonly wording: string;
  readonly summary: string;
  readonly expectedWarnings: readonly string[];
  readonly pages: readonly Indep3Page[];
  readonly counts: {
    byType: Record<string, number>;
    byRoom: Record<string, Record<string, number>>;
    bySheet: Record<string, Record<string, number>>;
  };
}
