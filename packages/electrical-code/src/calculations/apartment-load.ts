import { z } from 'zod';
import { Edition } from '../editions.ts';
import { formatA, formatW, round } from '../format.ts';
import { messages } from '../messages/index.ts';
import { CalculationTrace, Worksheet } from '../steps.ts';
import { nextStandardRating } from '../tables/overcurrent.ts';
import { computeDwellingItems, DwellingLoads, heatingDemand, WaterHeaterRule } from './dwelling-items.ts';
import { DWELLING_VOLTAGE } from './dwelling-load.ts';
import { type CalculationOptions, resolveLang } from './options.ts';
import { quebecEvProvision, refsFor } from './rule-refs.ts';

export const ApartmentLoadInput = z.strictObject({
  edition: Edition.default('2026'),
  units: z.array(DwellingLoads).min(1),
  waterHeaterRule: WaterHeaterRule.default('other-loads'),
});
export type ApartmentLoadInput = z.infer<typeof ApartmentLoadInput>;

export const ApartmentUnitResult = z.object({
  /** 1-based position of the unit in the input. */
  unit: z.number().int().positive(),
  livingAreaM2: z.number(),
  calculatedLoadW: z.number(),
  /** Load entering the demand ladder of 8-202 3)a): without heating, air conditioning and EVSE. */
  ladderLoadW: z.number(),
  currentA: z.number(),
  serviceRatingA: z.number().nullable(),
});
export type ApartmentUnitResult = z.infer<typeof ApartmentUnitResult>;

export const ApartmentLoadResult = z.object({
  edition: Edition,
  units: z.array(ApartmentUnitResult),
  /** Building (or single unit) calculated load, W. */
  calculatedLoadW: z.number(),
  /** 8-202 sets no area-based minimum: always 0 (see assumptions). */
  minimumLoadW: z.number(),
  demandLoadW: z.number(),
  currentA: z.number(),
  serviceRatingA: z.number().nullable(),
  waterHeaterRule: WaterHeaterRule,
  ...CalculationTrace.shape,
});
export type ApartmentLoadResult = z.infer<typeof ApartmentLoadResult>;

/**
 * 8-202 3)a): demand factors applied to the unit loads (heating, A/C excluded), largest first —
 * 100 % of the largest, 65 % of the next 2, 40 % of the next 2, 25 % of the next 15, 10 % of the
 * rest. Same ladder in CEC 2015 and CEC 2021.
 */
export const apartmentDemandLadder: ReadonlyArray<{ count: number; factor: number }> = [
  { count: 1, factor: 1 },
  { count: 2, factor: 0.65 },
  { count: 2, factor: 0.4 },
  { count: 15, factor: 0.25 },
  { count: Number.POSITIVE_INFINITY, factor: 0.1 },
];

/**
 * Calculated load of apartment (and similar) dwelling units per Rule 8-202: each unit per
 * 8-202 1), and for two or more units the service/feeder per 8-202 3) (demand ladder on unit
 * loads without heating and A/C, plus heating with Section 62 demand factors on the total, plus
 * A/C at 100 %). Pure; never throws for a parsed input.
 */
export function apartmentLoad(input: ApartmentLoadInput, options?: CalculationOptions): ApartmentLoadResult {
  const lang = resolveLang(options);
  const m = messages(lang);
  const ws = new Worksheet();
  const { edition } = input;
  const refs = refsFor(edition);
  const w = (value: number) => formatW(value, lang);

  const computed = input.units.map((loads, index) => {
    const items = computeDwellingItems(loads, {
      edition,
      lang,
      m,
      ws,
      kind: 'apartment',
      waterHeaterRule: input.waterHeaterRule,
      prefix: m.unitPrefix(index + 1),
    });
    ws.step(refs.apartment.unit, m.unitPrefix(index + 1) + m.calculatedTotal, w(items.totalW));
    return { unit: index + 1, loads, items, ladderLoadW: items.totalW - items.heatingCoolingW - items.evW };
  });
  if (quebecEvProvision[edition] && input.units.every((u) => (u.evChargers ?? []).length === 0)) {
    ws.assume(m.assumeQuebecEvProvision);
  }
  ws.assume(m.assumeApartmentNoMinimum);

  const units: ApartmentUnitResult[] = computed.map((c) => ({
    unit: c.unit,
    livingAreaM2: round(c.items.livingAreaM2, 2),
    calculatedLoadW: round(c.items.totalW, 2),
    ladderLoadW: round(c.ladderLoadW, 2),
    currentA: round(c.items.totalW / DWELLING_VOLTAGE, 2),
    serviceRatingA: nextStandardRating(c.items.totalW / DWELLING_VOLTAGE) ?? null,
  }));

  let calculatedLoadW: number;
  const first = computed[0];
  if (computed.length === 1 && first) {
    calculatedLoadW = first.items.totalW;
    ws.assume(m.assumeApartmentSingleUnit);
  } else {
    // 8-202 3)a): the ladder over unit loads without heating, A/C (and EVSE, added separately).
    const sorted = [...computed].sort((a, b) => b.ladderLoadW - a.ladderLoadW);
    let ladderW = 0;
    let position = 0;
    for (const tier of apartmentDemandLadder) {
      const slice = sorted.slice(position, position + tier.count);
      if (slice.length === 0) break;
      const sum = slice.reduce((total, c) => total + c.ladderLoadW, 0);
      ladderW += tier.factor * sum;
      ws.step(
        refs.apartment.buildingLadder,
        m.ladderTier(
          slice.map((c) => c.unit),
          Math.round(tier.factor * 100),
          w(sum),
        ),
        w(tier.factor * sum),
      );
      position += slice.length;
    }

    // 8-202 3): heating with Section 62 demand factors on the total, A/C at 100 %, interlock 8-106 3).
    const heatingW = computed.reduce((total, c) => total + (c.loads.spaceHeatingW ?? 0), 0);
    const acW = computed.reduce((total, c) => total + (c.loads.airConditioningW ?? 0), 0);
    const heatingDemandW = heatingDemand(heatingW);
    if (heatingW > 0) {
      ws.assume(m.assumeBuildingHeatingDemand);
      ws.step(refs.heatingDemand, m.buildingHeating(w(heatingW)), w(heatingDemandW));
    }
    if (acW > 0) ws.step(refs.apartment.building, m.buildingAirConditioning, w(acW));
    const allInterlocked = computed
      .filter((c) => (c.loads.airConditioningW ?? 0) > 0 && (c.loads.spaceHeatingW ?? 0) > 0)
      .every((c) => c.loads.heatingCoolingInterlocked === true);
    let heatingCoolingW = heatingDemandW + acW;
    if (allInterlocked && heatingW > 0 && acW > 0) {
      heatingCoolingW = Math.max(heatingDemandW, acW);
      ws.step(refs.interlock, m.interlock, w(heatingCoolingW));
    }

    const evW = computed.reduce((total, c) => total + c.items.evW, 0);
    if (evW > 0) {
      ws.assume(m.assumeBuildingEvOutsideLadder);
      ws.step(refs.apartment.building, m.buildingEv, w(evW));
    }
    ws.assume(m.assumeHouseLoadsExcluded);
    calculatedLoadW = ladderW + heatingCoolingW + evW;
  }

  ws.step(refs.apartment.building, m.buildingTotal, w(calculatedLoadW));
  const currentA = calculatedLoadW / DWELLING_VOLTAGE;
  ws.assume(m.assumeVoltage240);
  ws.step(refs.currentDivisor, m.currentAt240, formatA(currentA, lang));
  const serviceRatingA = nextStandardRating(currentA) ?? null;
  if (serviceRatingA !== null) ws.step(m.table('13'), m.serviceRating, formatA(serviceRatingA, lang));
  ws.assume(m.assumeServiceRating);
  ws.assume(m.verificationAid);

  return {
    edition,
    units,
    calculatedLoadW: round(calculatedLoadW, 2),
    minimumLoadW: 0,
    demandLoadW: round(calculatedLoadW, 2),
    currentA: round(currentA, 2),
    serviceRatingA,
    waterHeaterRule: input.waterHeaterRule,
    ...ws.trace(),
  };
}
