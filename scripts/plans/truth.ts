import type { DeviceType } from '../../packages/shared/src/contracts/plan-analysis.ts';
import type { PanelTruth } from './schedule.ts';

/**
 * Ground truth of a generated plan. It follows the analysis shape of
 * packages/shared/src/contracts/plan-analysis.ts (pages → scale, legend, rooms, symbols,
 * panels; counts by type, room and sheet) with a few generator-only fields: `scale` on symbols,
 * and plan metadata at the top. Coordinates are PDF points in the unrotated page space (origin
 * bottom-left of the MediaBox); `rotation` is the symbol's rotation relative to its legend
 * drawing in degrees, counter-clockwise as seen on the sheet (0/90/180/270, or any angle for
 * skewed ceiling fixtures), mirroring applied first.
 */
export interface TruthSymbol {
  readonly type: DeviceType;
  readonly symbolId: string;
  readonly x: number;
  readonly y: number;
  readonly rotation: number;
  readonly mirrored: boolean;
  readonly scale: number;
  readonly room: string | null;
  readonly circuit: string | null;
  readonly bbox: readonly [number, number, number, number];
}

export interface TruthPage {
  readonly number: number;
  readonly widthPt: number;
  readonly heightPt: number;
  readonly rotation: number;
  readonly kind: 'floor' | 'schedule' | 'legend' | 'scanned';
  readonly scale: { text: string; metresPerPoint: number } | null;
  readonly legend: readonly { symbolId: string; label: string; type: DeviceType }[];
  readonly rooms: readonly {
    name: string;
    areaM2: number | null;
    bbox: readonly [number, number, number, number];
  }[];
  readonly symbols: readonly TruthSymbol[];
  readonly panels: readonly PanelTruth[];
}

export interface TypeCounts {
  [type: string]: number;
}

export interface PlanTruth {
  readonly name: string;
  readonly seed: number | null;
  readonly language: 'fr' | 'en';
  readonly summary: string;
  /** Warning codes the analysis is expected to raise (e.g. `scanned_page`). */
  readonly expectedWarnings: readonly string[];
  readonly pages: readonly TruthPage[];
  readonly counts: {
    byType: TypeCounts;
    byRoom: Record<string, TypeCounts>;
    bySheet: Record<string, TypeCounts>;
  };
}

/** Counts by type, by room (symbols outside every room are not in byRoom) and by sheet. */
export function countSymbols(pages: readonly TruthPage[]): PlanTruth['counts'] {
  const byType: TypeCounts = {};
  const byRoom: Record<string, TypeCounts> = {};
  const bySheet: Record<string, TypeCounts> = {};
  const inc = (c: TypeCounts, t: string): void => {
    c[t] = (c[t] ?? 0) + 1;
  };
  for (const page of pages) {
    for (const s of page.symbols) {
      inc(byType, s.type);
      const sheet = bySheet[String(page.number)] ?? {};
      bySheet[String(page.number)] = sheet;
      inc(sheet, s.type);
      if (s.room !== null) {
        const room = byRoom[s.room] ?? {};
        byRoom[s.room] = room;
        inc(room, s.type);
      }
    }
  }
  return { byType: sortKeys(byType), byRoom: sortNested(byRoom), bySheet: sortNested(bySheet) };
}

function sortKeys(c: TypeCounts): TypeCounts {
  return Object.fromEntries(Object.entries(c).sort(([a], [b]) => a.localeCompare(b)));
}

function sortNested(c: Record<string, TypeCounts>): Record<string, TypeCounts> {
  return Object.fromEntries(
    Object.entries(c)
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
      .map(([k, v]) => [k, sortKeys(v)]),
  );
}
