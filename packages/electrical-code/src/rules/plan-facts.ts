import type { PanelCircuit, PanelSchedule, PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import type { ConductorMaterial, ConductorSize } from '../tables/conductor-sizes.ts';
import { classifyRoom, normalize, type RoomKind } from './vocabulary.ts';

export type RoomFact = {
  name: string;
  kind: RoomKind | undefined;
  page: number | undefined;
  /** Device counts by type in the room. */
  counts: Record<string, number>;
};

/** Every room named on the plan (room labels, `counts.byRoom`, symbols' rooms) with its device counts. */
export function roomFacts(analysis: PlanAnalysis): RoomFact[] {
  const rooms = new Map<string, RoomFact>();
  const add = (name: string, page: number | undefined) => {
    const existing = rooms.get(name);
    if (existing) {
      if (existing.page === undefined) existing.page = page;
      return;
    }
    rooms.set(name, { name, kind: classifyRoom(name), page, counts: {} });
  };
  for (const page of analysis.pages) {
    for (const room of page.rooms) add(room.name, page.number);
    for (const symbol of page.symbols) if (symbol.room) add(symbol.room, page.number);
  }
  for (const name of Object.keys(analysis.counts.byRoom)) add(name, undefined);

  for (const fact of rooms.values()) {
    const fromCounts = analysis.counts.byRoom[fact.name];
    if (fromCounts) {
      fact.counts = { ...fromCounts };
      continue;
    }
    for (const page of analysis.pages) {
      for (const symbol of page.symbols) {
        if (symbol.room === fact.name) fact.counts[symbol.type] = (fact.counts[symbol.type] ?? 0) + 1;
      }
    }
  }
  return [...rooms.values()];
}

/**
 * 120 V general-purpose receptacles as plans count them. A weatherproof receptacle is an ordinary
 * receptacle in a weatherproof box (its GFCI protection, if any, is drawn as a GFCI receptacle).
 */
export const GENERAL_RECEPTACLES = ['receptacle', 'receptacle_gfci', 'receptacle_weatherproof'] as const;

/** General-purpose receptacles that carry no GFCI mark of their own. */
export const UNMARKED_GFCI_RECEPTACLES = ['receptacle', 'receptacle_weatherproof'] as const;

export function count(counts: Record<string, number>, ...types: string[]): number {
  return types.reduce((sum, type) => sum + (counts[type] ?? 0), 0);
}

/** Whether the analysis found any device at all (until it does, counting rules cannot decide). */
export function hasDeviceCounts(analysis: PlanAnalysis): boolean {
  const total = Object.values(analysis.counts.byType).reduce((sum, n) => sum + n, 0);
  return total > 0 || analysis.pages.some((page) => page.symbols.length > 0);
}

export type PanelFact = { panel: PanelSchedule; page: number };
export type CircuitFact = { panel: PanelSchedule; page: number; circuit: PanelCircuit };

export function panelFacts(analysis: PlanAnalysis): PanelFact[] {
  return analysis.pages.flatMap((page) => page.panels.map((panel) => ({ panel, page: page.number })));
}

export function circuitFacts(analysis: PlanAnalysis): CircuitFact[] {
  return panelFacts(analysis).flatMap(({ panel, page }) =>
    panel.circuits.map((circuit) => ({ panel, page, circuit })),
  );
}

/** "Panneau A, circuit 12" / "Panel A, circuit 12". */
export function circuitLocation(fact: CircuitFact, panelWord: string): string {
  return `${panelWord} ${fact.panel.name}, circuit ${fact.circuit.number}`;
}

/** Circuits (by panel-less number) that feed the given symbols' circuit labels, e.g. "A-12" or "12". */
export function circuitNumbersOf(labels: ReadonlyArray<string | null>): Set<number> {
  const numbers = new Set<number>();
  for (const label of labels) {
    const match = label?.match(/(\d+)\s*$/);
    if (match?.[1]) numbers.add(Number(match[1]));
  }
  return numbers;
}

// "1/0"…"4/0" first, so "4/0" is not read as 4 AWG followed by "/0".
const gaugePattern =
  /(?:#|no\s*)?\b(1\/0|2\/0|3\/0|4\/0|14|12|10|8|6|4|3|2|1)(?:\s*awg)?(?=\s*[-/x]\s*\d|\s*awg|\s|$)/;
const sizeByGauge: Record<string, ConductorSize> = {
  '14': '14 AWG',
  '12': '12 AWG',
  '10': '10 AWG',
  '8': '8 AWG',
  '6': '6 AWG',
  '4': '4 AWG',
  '3': '3 AWG',
  '2': '2 AWG',
  '1': '1 AWG',
  '1/0': '1/0 AWG',
  '2/0': '2/0 AWG',
  '3/0': '3/0 AWG',
  '4/0': '4/0 AWG',
};

/**
 * Reads the conductor size from a schedule entry such as "14/2 NMD90", "#12", "10 AWG Cu",
 * "6-3 TECK", "4/0 AL". Returns undefined when the text has no recognizable size.
 */
export function parseConductor(
  text: string,
): { size: ConductorSize; material: ConductorMaterial } | undefined {
  const normalized = normalize(text).replace(/\bno /g, '#');
  const raw = text.toLowerCase();
  const match = raw.match(gaugePattern) ?? normalized.match(gaugePattern);
  const size = match?.[1] ? sizeByGauge[match[1]] : undefined;
  if (!size) return undefined;
  const material: ConductorMaterial = /\b(al|alu|aluminium|aluminum)\b/.test(normalized)
    ? 'aluminum'
    : 'copper';
  return { size, material };
}
