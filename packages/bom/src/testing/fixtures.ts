import type { AnalysisPage, PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import type { AssemblySet } from '../assemblies.ts';
import { Catalog, type CatalogItem } from '../catalog.ts';

/**
 * Test fixtures: a seven-item catalogue and assemblies small enough to compute a BOM by hand,
 * and a one-page plan with a scale, a panel symbol and a panel schedule.
 */

function testItem(
  sku: string,
  category: string,
  unit: CatalogItem['unit'],
  packageSize: number,
  unitPriceCents: number,
  discountPct: number,
  normal: number,
): unknown {
  return {
    sku,
    description: { fr: `Article ${sku}`, en: `Item ${sku}` },
    category,
    unit,
    packageSize,
    unitPriceCents,
    discountPct,
    manufacturer: '',
    catalogNumber: '',
    labourHours: { normal, difficult: normal * 2 },
  };
}

export const smallCatalog: Catalog = Catalog.parse({
  priceDate: '2026-10',
  source: 'test price list',
  currency: 'CAD',
  indicative: false,
  items: [
    testItem('CBL-14-2', 'cable', 'roll', 75, 12_000, 0, 0.02),
    testItem('REC', 'wiring_device', 'each', 1, 250, 10, 0.25),
    testItem('BOX', 'box', 'each', 1, 199, 0, 0.15),
    testItem('MARR', 'connector', 'box', 100, 1_299, 0, 0),
    testItem('LUM', 'lighting', 'each', 1, 3_555, 12.5, 0.4),
    testItem('BRK-15', 'breaker', 'each', 1, 1_100, 0, 0.2),
    testItem('PANEL-100', 'panel', 'each', 1, 19_999, 0, 4),
  ],
});

export const smallAssemblies: AssemblySet = {
  devices: {
    receptacle: {
      description: { fr: 'Prise', en: 'Receptacle' },
      components: [
        { sku: 'REC', quantity: 1 },
        { sku: 'BOX', quantity: 1 },
        { sku: 'MARR', quantity: 2 },
      ],
      cable: { sku: 'CBL-14-2', allowanceM: 8, perMetre: [] },
      dedicatedCircuit: false,
    },
    luminaire: {
      description: { fr: 'Luminaire', en: 'Luminaire' },
      components: [
        { sku: 'LUM', quantity: 1 },
        { sku: 'BOX', quantity: 1 },
        { sku: 'MARR', quantity: 3 },
      ],
      cable: { sku: 'CBL-14-2', allowanceM: 6, perMetre: [] },
      dedicatedCircuit: false,
    },
  },
  breakers: [{ poles: 1, amps: 15, kind: 'standard', sku: 'BRK-15' }],
  panels: [{ mainA: 100, spaces: 24, sku: 'PANEL-100' }],
  wasteFactorsPct: { cable: 10, box: 2, connector: 5, default: 0 },
};

type SymbolSpec = [type: string, x: number, y: number, room: string | null, circuit?: string | null];

export function page(
  number: number,
  metresPerPoint: number | null,
  symbols: SymbolSpec[],
  panels: AnalysisPage['panels'] = [],
): AnalysisPage {
  return {
    number,
    widthPt: 1224,
    heightPt: 792,
    rotation: 0,
    scale: metresPerPoint === null ? null : { text: 'ÉCHELLE 1:50', metresPerPoint },
    legend: [],
    rooms: [],
    symbols: symbols.map(([type, x, y, room, circuit]) => ({
      type: type as AnalysisPage['symbols'][number]['type'],
      symbolId: type,
      x,
      y,
      rotation: 0,
      room,
      circuit: circuit ?? null,
      confidence: 0.95,
    })),
    panels,
    text: '',
  };
}

/** Counts (by type and by room) derived from the pages' symbols, as the analysis would. */
export function analysisOf(pages: AnalysisPage[]): PlanAnalysis {
  const byType: Record<string, number> = {};
  const byRoom: Record<string, Record<string, number>> = {};
  const bySheet: Record<string, Record<string, number>> = {};
  for (const p of pages) {
    const sheet: Record<string, number> = {};
    bySheet[String(p.number)] = sheet;
    for (const s of p.symbols) {
      byType[s.type] = (byType[s.type] ?? 0) + 1;
      sheet[s.type] = (sheet[s.type] ?? 0) + 1;
      if (s.room !== null) {
        const room = byRoom[s.room] ?? {};
        byRoom[s.room] = room;
        room[s.type] = (room[s.type] ?? 0) + 1;
      }
    }
  }
  return { pages, counts: { byType, byRoom, bySheet }, warnings: [] };
}

/**
 * The small plan of the hand-computed test: scale 0.02 m/pt, panel at the origin.
 * Cuisine: receptacles at (100,100) and (300,100), luminaire at (200,400) → centroid (200,200).
 * Salon: one receptacle at (100,600). Panel schedule "PANNEAU A": 100 A, two 15 A circuits and
 * a space.
 */
export const smallPlan: PlanAnalysis = analysisOf([
  page(
    1,
    0.02,
    [
      ['panel', 0, 0, 'Sous-sol'],
      ['receptacle', 100, 100, 'Cuisine'],
      ['receptacle', 300, 100, 'Cuisine'],
      ['luminaire', 200, 400, 'Cuisine'],
      ['receptacle', 100, 600, 'Salon'],
    ],
    [
      {
        name: 'PANNEAU A',
        voltage: '120/240 V',
        phases: 1,
        mainA: 100,
        circuits: [
          { number: 1, description: 'Prises cuisine', amps: 15, poles: 1 },
          { number: 2, description: 'Éclairage', amps: 15, poles: 1 },
          { number: 3, description: 'ESPACE', amps: null, poles: null },
        ],
      },
    ],
  ),
]);
