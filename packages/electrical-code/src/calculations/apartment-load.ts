import { z } from 'zod';
import { Edition } from '../editions.ts';
import { formatA, formatV, formatW, round } from '../format.ts';
import { messages } from '../messages/index.ts';
import { CalculationTrace, Worksheet } from '../steps.ts';
import { nextStandardRating } from '../tables/overcurrent.ts';
import { computeDwellingItems, DwellingLoads, heatingDemand, WaterHeaterRule } from './dwelling-items.ts';
import { type CalculationOptions, resolveLang } from './options.ts';
import { quebecEvProvision, refsFor } from './rule-refs.ts';
import { serviceSizingShape, sizeService } from './service-sizing.ts';

/**
 * The building's service: 120/240 V single-phase (current = W ÷ 240 V), or a three-phase
 * 120/208 V or 347/600 V service (current = W ÷ (√3 × 208 V) or W ÷ (√3 × 600 V), 8-100).
 */
export const ApartmentServiceVoltage = z.enum(['120/240', '120/208', '347/600']);
export type ApartmentServiceVoltage = z.infer<typeof ApartmentServiceVoltage>;

/**
 * How 8-202 3)b) applies Section 62 to the heating of the units:
 * - `per-unit` (default, the safer reading): "the sum of all the space-heating loads as determined
 *   in accordance with Section 62" — each unit's heating with its own 62-118 demand, then summed;
 * - `building`: 62-118 applied once to the total connected heating of all units (a lower load;
 *   offered as an explicit, labelled option).
 */
export const HeatingDemandScope = z.enum(['per-unit', 'building']);
export type HeatingDemandScope = z.infer<typeof HeatingDemandScope>;

export const ApartmentLoadInput = z.strictObject({
  edition: Edition.default('2026'),
  units: z.array(DwellingLoads).min(1),
  waterHeaterRule: WaterHeaterRule.default('other-loads'),
  serviceVoltage: ApartmentServiceVoltage.default('120/240').meta({
    description: '120/240 (single-phase, I = W / 240 V), 120/208 or 347/600 (three-phase, I = W / (√3 × V)).',
  }),
  heatingDemandScope: HeatingDemandScope.default('per-unit').meta({
    description:
      '8-202 3)b): per-unit (default: each unit’s Section 62 heating load, summed) or building (option: Section 62 once on the total).',
  }),
  nonDwellingLoadsW: z.array(z.number().positive()).optional().meta({
    description:
      '8-202 3)e): lighting, heating and power loads not located in dwelling units (corridors, elevators, parking), W each, taken at 75 %.',
  }),
});
export type ApartmentLoadInput = z.infer<typeof ApartmentLoadInput>;

export const ApartmentUnitResult = z.object({
  /** 1-based position of the unit in the input. */
  unit: z.number().int().positive(),
  livingAreaM2: z.number(),
  /** 8-202 1)a) load of the unit, W. */
  calculatedLoadW: z.number(),
  /** 8-202 1)b): 60 A at the unit's voltage, W. */
  minimumLoadW: z.number(),
  /** The greater of the two: the load of the unit's feeder, W. */
  demandLoadW: z.number(),
  /** Load entering the demand ladder of 8-202 3)a): without heating, air conditioning and EVSE. */
  ladderLoadW: z.number(),
  /** demandLoadW ÷ the unit's voltage (240 V, or 208 V on a 120/208 V service), A. */
  currentA: z.number(),
  minimumOvercurrentA: z.number().nullable(),
  serviceRatingA: serviceSizingShape.serviceRatingA,
});
export type ApartmentUnitResult = z.infer<typeof ApartmentUnitResult>;

export const ApartmentLoadResult = z.object({
  edition: Edition,
  units: z.array(ApartmentUnitResult),
  /** Building (or single unit) calculated load, W. */
  calculatedLoadW: z.number(),
  /** One unit: the 60 A minimum of 8-202 1)b); two or more: 0 (8-202 3) builds on the 1)a) loads). */
  minimumLoadW: z.number(),
  demandLoadW: z.number(),
  serviceVoltage: ApartmentServiceVoltage,
  heatingDemandScope: HeatingDemandScope,
  currentA: z.number(),
  ...serviceSizingShape,
  waterHeaterRule: WaterHeaterRule,
  ...CalculationTrace.shape,
});
export type ApartmentLoadResult = z.infer<typeof ApartmentLoadResult>;

/**
 * 8-202 3)a)i)–v): demand factors applied to the unit loads (heating, A/C and EVSE excluded),
 * largest first — 100 % of the largest, 65 % of the next 2, 40 % of the next 2, 25 % of the next
 * 15, 10 % of the rest. Same ladder in CEC 2015 and CEC 2021.
 */
export const apartmentDemandLadder: ReadonlyArray<{ count: number; factor: number; item: string }> = [
  { count: 1, factor: 1, item: 'i)' },
  { count: 2, factor: 0.65, item: 'ii)' },
  { count: 2, factor: 0.4, item: 'iii)' },
  { count: 15, factor: 0.25, item: 'iv)' },
  { count: Number.POSITIVE_INFINITY, factor: 0.1, item: 'v)' },
];

// 8-202 1)b): a unit's feeder carries at least 60 A.
const UNIT_MINIMUM_A = 60;
// 8-202 3)e): loads not located in dwelling units at 75 %.
const NON_DWELLING_FACTOR = 0.75;

const serviceVolts: Record<
  ApartmentServiceVoltage,
  { lineToLine: number; phases: 1 | 3; unitVolts: number }
> = {
  '120/240': { lineToLine: 240, phases: 1, unitVolts: 240 },
  // Units of a 120/208 V network are fed by two phases and the neutral: 208 V between lines.
  '120/208': { lineToLine: 208, phases: 3, unitVolts: 208 },
  // Units of a 347/600 V building are fed at 120/240 V through a transformer (assumption stated).
  '347/600': { lineToLine: 600, phases: 3, unitVolts: 240 },
};

/**
 * Calculated load of apartment (and similar) dwelling units per Rule 8-202: each unit per
 * 8-202 1) (the greater of 1)a) and 60 A), and for two or more units the service/feeder per
 * 8-202 3) (the ladder of 3)a) on the 1)a) unit loads without heating, A/C and EVSE; heating per
 * 3)b); A/C per 3)c); EVSE per 3)d); non-dwelling loads at 75 % per 3)e)), with the current at the
 * service voltage and the service size. Pure; never throws for a parsed input.
 */
export function apartmentLoad(input: ApartmentLoadInput, options?: CalculationOptions): ApartmentLoadResult {
  const lang = resolveLang(options);
  const m = messages(lang);
  const ws = new Worksheet();
  const { edition } = input;
  const refs = refsFor(edition);
  const w = (value: number) => formatW(value, lang);
  const supply = serviceVolts[input.serviceVoltage];
  const unitMinimumW = UNIT_MINIMUM_A * supply.unitVolts;

  const computed = input.units.map((loads, index) => {
    const prefix = m.unitPrefix(index + 1);
    const items = computeDwellingItems(loads, {
      edition,
      lang,
      m,
      ws,
      kind: 'apartment',
      waterHeaterRule: input.waterHeaterRule,
      prefix,
    });
    ws.step(refs.unit, prefix + m.calculatedTotal, w(items.totalW));
    ws.step(refs.unitMinimum, prefix + m.minimumUnit(formatV(supply.unitVolts, lang)), w(unitMinimumW));
    const demandW = Math.max(items.totalW, unitMinimumW);
    ws.step(refs.unit, prefix + m.demandGreater, w(demandW));
    return {
      unit: index + 1,
      loads,
      items,
      demandW,
      ladderLoadW: items.totalW - items.heatingCoolingW - items.evW,
    };
  });
  if (quebecEvProvision[edition] && input.units.every((u) => (u.evChargers ?? []).length === 0)) {
    ws.assume(m.assumeQuebecEvProvision);
  }
  if (input.serviceVoltage === '347/600') ws.assume(m.assumeUnitsAt240On600);

  const units: ApartmentUnitResult[] = computed.map((c) => {
    const unitCurrent = c.demandW / supply.unitVolts;
    const minimumOvercurrentA = nextStandardRating(unitCurrent) ?? null;
    return {
      unit: c.unit,
      livingAreaM2: round(c.items.livingAreaM2, 2),
      calculatedLoadW: round(c.items.totalW, 2),
      minimumLoadW: unitMinimumW,
      demandLoadW: round(c.demandW, 2),
      ladderLoadW: round(c.ladderLoadW, 2),
      currentA: round(unitCurrent, 2),
      minimumOvercurrentA,
      serviceRatingA: minimumOvercurrentA,
    };
  });

  let calculatedLoadW: number;
  let minimumLoadW = 0;
  let demandLoadW: number;
  const first = computed[0];
  if (computed.length === 1 && first) {
    calculatedLoadW = first.items.totalW;
    minimumLoadW = unitMinimumW;
    demandLoadW = first.demandW;
    ws.assume(m.assumeApartmentSingleUnit);
  } else {
    // 8-202 3)a): the ladder over the 1)a) unit loads without heating, A/C and EVSE.
    const sorted = [...computed].sort((a, b) => b.ladderLoadW - a.ladderLoadW);
    let ladderW = 0;
    let position = 0;
    for (const tier of apartmentDemandLadder) {
      const slice = sorted.slice(position, position + tier.count);
      if (slice.length === 0) break;
      const sum = slice.reduce((total, c) => total + c.ladderLoadW, 0);
      ladderW += tier.factor * sum;
      ws.step(
        `${refs.buildingLadder}${tier.item}`,
        m.ladderTier(
          slice.map((c) => c.unit),
          Math.round(tier.factor * 100),
          w(sum),
        ),
        w(tier.factor * sum),
      );
      position += slice.length;
    }
    ws.assume(m.assumeLadderOnCalculatedLoads);
    const heatingCoolingW = buildingHeatingCooling(computed, input.heatingDemandScope, { ws, m, w, refs });
    const evW = computed.reduce((total, c) => total + c.items.evW, 0);
    if (evW > 0) {
      ws.assume(m.assumeBuildingEvOutsideLadder);
      ws.step(refs.buildingEv, m.buildingEv, w(evW));
    }
    calculatedLoadW = ladderW + heatingCoolingW + evW;
    demandLoadW = calculatedLoadW;
  }

  // 8-202 3)e): loads outside the dwelling units at 75 %.
  const nonDwelling = input.nonDwellingLoadsW ?? [];
  if (nonDwelling.length > 0) {
    const connected = nonDwelling.reduce((sum, watts) => sum + watts, 0);
    const counted = NON_DWELLING_FACTOR * connected;
    ws.step(refs.buildingNonDwelling, m.nonDwelling(w(connected)), w(counted));
    calculatedLoadW += counted;
    demandLoadW += counted;
  } else {
    ws.assume(m.assumeHouseLoadsExcluded);
  }

  ws.step(refs.building, m.buildingTotal, w(demandLoadW));
  const currentA =
    supply.phases === 1 ? demandLoadW / supply.lineToLine : demandLoadW / (Math.sqrt(3) * supply.lineToLine);
  const volts = formatV(supply.lineToLine, lang);
  ws.step(
    refs.currentDivisor,
    supply.phases === 1 ? m.currentAt(volts) : m.currentThreePhase(volts),
    formatA(currentA, lang),
  );
  const service = sizeService(currentA, {
    edition,
    lang,
    m,
    ws,
    serviceRef: computed.length === 1 ? refs.unit : refs.building,
    useTable39: computed.length === 1 && supply.phases === 1,
  });
  ws.assume(m.verificationAid);

  return {
    edition,
    units,
    calculatedLoadW: round(calculatedLoadW, 2),
    minimumLoadW,
    demandLoadW: round(demandLoadW, 2),
    serviceVoltage: input.serviceVoltage,
    heatingDemandScope: input.heatingDemandScope,
    currentA: round(currentA, 2),
    ...service,
    waterHeaterRule: input.waterHeaterRule,
    ...ws.trace(),
  };
}

type Computed = {
  loads: DwellingLoads;
  items: { heatingDemandW: number; airConditioningW: number; heatingCoolingW: number };
};

/**
 * 8-202 3)b) heating and 3)c) A/C of all units, with the interlock of 8-106 3): per unit (each
 * unit's Section 62 demand and interlock, summed) or, as the labelled option, Section 62 once on
 * the total connected heating of the units with room thermostats (central systems at 100 %).
 */
function buildingHeatingCooling(
  computed: readonly Computed[],
  scope: HeatingDemandScope,
  ctx: {
    ws: Worksheet;
    m: ReturnType<typeof messages>;
    w: (value: number) => string;
    refs: ReturnType<typeof refsFor>;
  },
): number {
  const { ws, m, w, refs } = ctx;
  const connectedW = computed.reduce((total, c) => total + (c.loads.spaceHeatingW ?? 0), 0);
  const acW = computed.reduce((total, c) => total + c.items.airConditioningW, 0);

  if (scope === 'per-unit') {
    const heatingW = computed.reduce((total, c) => total + c.items.heatingDemandW, 0);
    const heatingCoolingW = computed.reduce((total, c) => total + c.items.heatingCoolingW, 0);
    if (connectedW > 0) {
      ws.assume(m.assumeHeatingPerUnit);
      ws.step(refs.buildingHeating, m.buildingHeatingPerUnit(w(connectedW)), w(heatingW));
    }
    if (acW > 0) ws.step(refs.buildingAirConditioning, m.buildingAirConditioning, w(acW));
    if (heatingCoolingW < heatingW + acW) ws.step(refs.interlock, m.interlockPerUnit, w(heatingCoolingW));
    return heatingCoolingW;
  }

  const central = computed.filter((c) => c.loads.heatingSystem === 'central');
  const centralW = central.reduce((total, c) => total + (c.loads.spaceHeatingW ?? 0), 0);
  const heatingW = heatingDemand(connectedW - centralW) + centralW;
  if (connectedW > 0) {
    ws.assume(m.assumeHeatingBuilding);
    ws.step(refs.buildingHeating, m.buildingHeating(w(connectedW)), w(heatingW));
  }
  if (acW > 0) ws.step(refs.buildingAirConditioning, m.buildingAirConditioning, w(acW));
  const allInterlocked = computed
    .filter((c) => c.items.airConditioningW > 0 && (c.loads.spaceHeatingW ?? 0) > 0)
    .every((c) => c.loads.heatingCoolingInterlocked === true);
  if (allInterlocked && heatingW > 0 && acW > 0) {
    const interlocked = Math.max(heatingW, acW);
    ws.step(refs.interlock, m.interlock, w(interlocked));
    return interlocked;
  }
  return heatingW + acW;
}
