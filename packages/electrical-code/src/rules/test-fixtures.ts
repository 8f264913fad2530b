import type {
  DetectedSymbol,
  PanelCircuit,
  PanelSchedule,
  PlanAnalysis,
} from '@saeq/shared/contracts/plan-analysis';

/** Builds a one-page PlanAnalysis for rule tests: rooms with device counts, optional panels. */
export function planWith(options: {
  rooms?: Record<string, Record<string, number>>;
  panels?: PanelSchedule[];
  symbols?: DetectedSymbol[];
}): PlanAnalysis {
  const rooms = options.rooms ?? {};
  const byType: Record<string, number> = {};
  for (const counts of Object.values(rooms)) {
    for (const [type, n] of Object.entries(counts)) byType[type] = (byType[type] ?? 0) + n;
  }
  for (const symbol of options.symbols ?? []) byType[symbol.type] = (byType[symbol.type] ?? 0) + 1;
  return {
    pages: [
      {
        number: 1,
        widthPt: 1224,
        heightPt: 792,
        rotation: 0,
        scale: null,
        legend: [],
        rooms: Object.keys(rooms).map((name) => ({ name, areaM2: null })),
        symbols: options.symbols ?? [],
        panels: options.panels ?? [],
        text: '',
      },
    ],
    counts: { byType, byRoom: rooms, bySheet: { '1': byType } },
    warnings: [],
  };
}

export function panel(
  name: string,
  mainA: number | null,
  circuits: Array<Partial<PanelCircuit> & { description: string }>,
): PanelSchedule {
  return {
    name,
    voltage: '120/240 V',
    phases: 1,
    mainA,
    circuits: circuits.map((c, index) => ({
      number: c.number ?? index + 1,
      description: c.description,
      amps: c.amps === undefined ? 15 : c.amps,
      poles: c.poles === undefined ? 1 : c.poles,
      conductor: c.conductor ?? null,
    })),
  };
}

export function symbol(
  type: DetectedSymbol['type'],
  room: string,
  circuit: string | null = null,
): DetectedSymbol {
  return { type, symbolId: type, x: 0, y: 0, rotation: 0, room, circuit, confidence: 0.9 };
}
