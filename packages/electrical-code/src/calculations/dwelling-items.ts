import { z } from 'zod';
import type { Edition } from '../editions.ts';
import { formatM2, formatW } from '../format.ts';
import type { Lang } from '../lang.ts';
import type { Messages } from '../messages/index.ts';
import type { Worksheet } from '../steps.ts';
import { refsFor } from './rule-refs.ts';

export const WaterHeater = z.strictObject({
  watts: z.number().positive(),
  kind: z.enum(['storage', 'tankless']),
});
export type WaterHeater = z.infer<typeof WaterHeater>;

export const EvCharger = z.strictObject({
  watts: z.number().positive(),
  /** Controlled by an electric vehicle energy management system (EVEMS, Rule 8-500). */
  managed: z.boolean().optional(),
  /** The EVEMS setting (maximum load it allows), W: the EVSE demand per 8-106 10) (edition 2026). */
  managedW: z
    .number()
    .nonnegative()
    .optional()
    .meta({ description: 'EVEMS setting, W: the EVSE demand per 8-106 10) (edition 2026).' }),
  /**
   * 8-106 11) (edition 2026): the EVEMS monitors the consumer's service, feeders and branch
   * circuits and controls the EVSE per 8-500, so the EVSE load need not be counted. An explicit
   * option, off by default.
   */
  evemsMonitorsService: z.boolean().optional().meta({
    description:
      '8-106 11) (edition 2026): the EVEMS monitors the service, feeders and branch circuits, so the EVSE load is not counted. Off by default.',
  }),
});
export type EvCharger = z.infer<typeof EvCharger>;

/**
 * How an ordinary storage water heater is counted — a debatable point, made explicit:
 * - `other-loads` (default): the literal reading of 8-200 1)a)v) / 8-202 1)a)vi), which take only
 *   tankless heaters (and pool/spa heaters) at 100 %; a storage heater is then an "other load"
 *   over 1500 W (25 % with a range).
 * - `full`: the prudent practice of taking every water heater at 100 %.
 */
export const WaterHeaterRule = z.enum(['other-loads', 'full']);
export type WaterHeaterRule = z.infer<typeof WaterHeaterRule>;

const watts = () => z.number().nonnegative();

/**
 * How the electric space heating is controlled (62-118): thermostats in each room or heated area
 * (first 10 kW at 100 %, the rest at 75 %), or a central furnace, duct heater or thermal storage
 * (100 %). Default `room-thermostats`, stated as an assumption.
 */
export const HeatingSystem = z.enum(['room-thermostats', 'central']);
export type HeatingSystem = z.infer<typeof HeatingSystem>;

/** The loads of one dwelling unit (API.md `dwelling-load` fields, shared by `apartment-load`). */
export const dwellingLoadsShape = {
  /** Ground floor + upper floors used for living, from inside dimensions (8-110), basement excluded. */
  livingAreaM2: z.number().positive(),
  basementAreaM2: z.number().nonnegative().optional(),
  /** Basement floor-to-ceiling height; only basements higher than 1.8 m count (8-110). */
  basementHeightM: z.number().positive().optional(),
  rangeW: watts().optional(),
  spaceHeatingW: watts().optional(),
  heatingSystem: HeatingSystem.optional().meta({
    description:
      '62-118: room-thermostats (thermostat in each room: 10 kW at 100 % + 75 % of the rest; assumed when absent) or central (furnace, duct heater, thermal storage: 100 %).',
  }),
  airConditioningW: watts().optional(),
  heatingCoolingInterlocked: z.boolean().optional(),
  waterHeaters: z.array(WaterHeater).optional(),
  evChargers: z.array(EvCharger).optional(),
  poolSpaHeatersW: watts().optional(),
  otherLoadsW: z.array(z.number().positive()).optional(),
};
export const DwellingLoads = z.strictObject(dwellingLoadsShape);
export type DwellingLoads = z.infer<typeof DwellingLoads>;

/** The demand of each item of 8-200 1)a) / 8-202 1), W. */
export type DwellingItems = {
  livingAreaM2: number;
  basicW: number;
  heatingDemandW: number;
  airConditioningW: number;
  heatingCoolingW: number;
  rangeW: number;
  fullDemandW: number;
  evW: number;
  otherW: number;
  totalW: number;
};

export type ItemsContext = {
  edition: Edition;
  lang: Lang;
  m: Messages;
  ws: Worksheet;
  kind: 'single' | 'apartment';
  waterHeaterRule: WaterHeaterRule;
  /** Prepended to every label (e.g. "Logement 2 — "). */
  prefix: string;
};

// 8-110: a basement counts at 75 % when its height exceeds 1.8 m.
const BASEMENT_FACTOR = 0.75;
const BASEMENT_MIN_HEIGHT_M = 1.8;
// 62-118 3): dwelling heating with thermostats in each room — first 10 kW at 100 %, the rest at
// 75 % (CEC 2015 and 2021); a central furnace, duct heater or thermal storage stays at 100 %.
const HEATING_FULL_W = 10_000;
const HEATING_BALANCE_FACTOR = 0.75;
// 8-200 1)a)iv) / 8-202 1)a)v): 6000 W for a single range + 40 % of the rating above 12 kW.
const RANGE_BASE_W = 6000;
const RANGE_THRESHOLD_W = 12_000;
const RANGE_EXCESS_FACTOR = 0.4;
// 8-200 1)a)vii) (single dwelling): loads above 1500 W; A) 25 % each with a range, B) otherwise
// 100 % of the combined ratings up to 6000 W + 25 % of the excess (CEC 2021).
// 8-202 1)a)viii) (apartment unit): A) 25 % each with a range, B) otherwise 25 % each plus 6000 W.
const OTHER_LOAD_THRESHOLD_W = 1500;
const OTHER_WITH_RANGE_FACTOR = 0.25;
const OTHER_NO_RANGE_FULL_W = 6000;
const OTHER_NO_RANGE_EXCESS_FACTOR = 0.25;
const UNIT_NO_RANGE_ALLOWANCE_W = 6000;

/** Section 62 demand of a dwelling's connected electric heating load (62-118). */
export function heatingDemand(connectedW: number, system: HeatingSystem = 'room-thermostats'): number {
  if (system === 'central') return connectedW;
  return (
    Math.min(connectedW, HEATING_FULL_W) + HEATING_BALANCE_FACTOR * Math.max(0, connectedW - HEATING_FULL_W)
  );
}

/** Whole or partial 90 m² blocks beyond the first `baseM2`. */
function additionalBlocks(areaM2: number, baseM2: number, blockM2: number): number {
  return Math.ceil(Math.max(0, areaM2 - baseM2) / blockM2 - 1e-9);
}

/**
 * Computes items of 8-200 1)a) (single dwelling) or 8-202 1) (apartment unit) for one dwelling,
 * writing a step per item. Pure; the caller adds the minimum and the totals.
 */
export function computeDwellingItems(loads: DwellingLoads, ctx: ItemsContext): DwellingItems {
  const { edition, lang, m, ws, prefix } = ctx;
  const refs = refsFor(edition);
  const single = ctx.kind === 'single';
  const r = single
    ? {
        basicFirst: refs.singleBasicFirst,
        basicAdditional: refs.singleBasicAdditional,
        heatingCooling: refs.singleHeatingCooling,
        range: refs.singleRange,
        fullDemand: refs.singleFullDemand,
        ev: refs.singleEv,
        other: refs.singleOther,
      }
    : {
        basicFirst: refs.unitBasicFirst,
        basicAdditional: refs.unitBasicAdditional,
        heatingCooling: refs.unitHeatingCooling,
        range: refs.unitRange,
        fullDemand: refs.unitFullDemand,
        ev: refs.unitEv,
        other: refs.unitOther,
      };
  const w = (value: number) => formatW(value, lang);

  // 8-110 — living area (inside dimensions).
  const basementM2 = loads.basementAreaM2 ?? 0;
  const basementCounts =
    basementM2 > 0 && (loads.basementHeightM === undefined || loads.basementHeightM > BASEMENT_MIN_HEIGHT_M);
  const livingAreaM2 = loads.livingAreaM2 + (basementCounts ? BASEMENT_FACTOR * basementM2 : 0);
  ws.step(refs.livingArea, prefix + m.areaAboveGrade, formatM2(loads.livingAreaM2, lang));
  if (basementM2 > 0) {
    if (basementCounts) {
      if (loads.basementHeightM === undefined) ws.assume(m.assumeBasementQualifies);
      ws.step(
        refs.livingArea,
        prefix + m.basementCounted(formatM2(basementM2, lang)),
        formatM2(BASEMENT_FACTOR * basementM2, lang),
      );
    } else {
      ws.step(refs.livingArea, prefix + m.basementExcluded(formatM2(basementM2, lang)), formatM2(0, lang));
    }
  }
  ws.step(refs.livingArea, prefix + m.livingAreaTotal, formatM2(livingAreaM2, lang));

  // Basic load.
  let basicW: number;
  if (single) {
    const blocks = additionalBlocks(livingAreaM2, 90, 90);
    ws.step(r.basicFirst, prefix + m.basicFirst90, w(5000));
    ws.step(r.basicAdditional, prefix + m.basicAdditional90(blocks), w(1000 * blocks));
    basicW = 5000 + 1000 * blocks;
  } else {
    const second = livingAreaM2 > 45 ? 1500 : 0;
    const blocks = additionalBlocks(livingAreaM2, 90, 90);
    ws.step(r.basicFirst, prefix + m.basicFirst45, w(3500));
    ws.step(refs.unitBasicSecond, prefix + m.basicSecond45, w(second));
    ws.step(r.basicAdditional, prefix + m.basicAdditional90(blocks), w(1000 * blocks));
    basicW = 3500 + second + 1000 * blocks;
  }

  // Space heating (Section 62 demand) and air conditioning (100 %), interlock per 8-106 3).
  const heatingW = loads.spaceHeatingW ?? 0;
  const acW = loads.airConditioningW ?? 0;
  const system = loads.heatingSystem ?? 'room-thermostats';
  const heatingDemandW = heatingDemand(heatingW, system);
  if (heatingW > 0) {
    if (loads.heatingSystem === undefined) ws.assume(m.assumeHeatingThermostats);
    if (system === 'central') {
      ws.step(refs.heatingCentral, prefix + m.heatingCentral(w(heatingW)), w(heatingDemandW));
    } else {
      ws.step(refs.heatingRoomThermostats, prefix + m.heating(w(heatingW)), w(heatingDemandW));
    }
  }
  if (acW > 0) ws.step(r.heatingCooling, prefix + m.airConditioning, w(acW));
  let heatingCoolingW = heatingDemandW + acW;
  if (loads.heatingCoolingInterlocked && heatingW > 0 && acW > 0) {
    heatingCoolingW = Math.max(heatingDemandW, acW);
    ws.assume(m.assumeInterlockAfterDemand(refs.interlock));
    ws.step(refs.interlock, prefix + m.interlock, w(heatingCoolingW));
  } else if (heatingW > 0 || acW > 0) {
    ws.step(r.heatingCooling, prefix + m.heatingCoolingTotal, w(heatingCoolingW));
  }

  // Range.
  const rangeRatingW = loads.rangeW ?? 0;
  const hasRange = rangeRatingW > 0;
  const rangeW = hasRange
    ? RANGE_BASE_W + RANGE_EXCESS_FACTOR * Math.max(0, rangeRatingW - RANGE_THRESHOLD_W)
    : 0;
  if (hasRange) {
    ws.assume(m.assumeSingleRange);
    ws.step(r.range, prefix + m.range(w(rangeRatingW)), w(rangeW));
  }

  // Loads at 100 %: tankless water heaters, pool/spa heaters, and storage heaters under `full`.
  let fullDemandW = 0;
  const otherRatings: number[] = [...(loads.otherLoadsW ?? [])];
  const heaters = loads.waterHeaters ?? [];
  for (const heater of heaters) {
    if (heater.kind === 'tankless') {
      fullDemandW += heater.watts;
      ws.step(r.fullDemand, prefix + m.tanklessHeater(w(heater.watts)), w(heater.watts));
    } else if (ctx.waterHeaterRule === 'full') {
      fullDemandW += heater.watts;
      ws.step(r.fullDemand, prefix + m.storageHeaterFull(w(heater.watts)), w(heater.watts));
    } else {
      otherRatings.push(heater.watts);
    }
  }
  if (heaters.some((h) => h.kind === 'storage')) {
    ws.assume(ctx.waterHeaterRule === 'full' ? m.assumeWaterHeaterFull : m.assumeWaterHeaterOther);
  }
  const poolW = loads.poolSpaHeatersW ?? 0;
  if (poolW > 0) {
    fullDemandW += poolW;
    ws.step(r.fullDemand, prefix + m.poolSpa, w(poolW));
  }

  // EV supply equipment: 100 %, or the EVEMS setting (8-106 10)), or not counted when the EVEMS
  // monitors the service, feeders and branch circuits (8-106 11)) — in editions that have them.
  let evW = 0;
  for (const charger of loads.evChargers ?? []) {
    if (charger.evemsMonitorsService && refs.evemsExemption !== null) {
      ws.assume(m.assumeEvemsExemption(refs.evemsExemption));
      ws.step(refs.evemsExemption, prefix + m.evExempt(w(charger.watts)), w(0));
      continue;
    }
    if (charger.managed && refs.evemsSetting !== null && charger.managedW !== undefined) {
      const counted = Math.min(charger.watts, charger.managedW);
      evW += counted;
      ws.step(refs.evemsSetting, prefix + m.evManaged(w(charger.watts), w(charger.managedW)), w(counted));
      continue;
    }
    if (charger.managed || charger.evemsMonitorsService) {
      ws.assume(refs.evemsSetting === null ? m.assumeEvemsNotInEdition : m.assumeEvemsNoSetting);
    }
    evW += charger.watts;
    ws.step(r.ev, prefix + m.evFull(w(charger.watts)), w(charger.watts));
  }

  // Other loads above 1500 W.
  const counted = otherRatings.filter((rating) => rating > OTHER_LOAD_THRESHOLD_W);
  const ignored = otherRatings.filter((rating) => rating <= OTHER_LOAD_THRESHOLD_W);
  if (ignored.length > 0) {
    ws.assume(m.assumeSmallLoadsInBasic);
    ws.step(r.other, prefix + m.otherSmall(ignored.length), w(0));
  }
  const combined = counted.reduce((sum, rating) => sum + rating, 0);
  let otherW = 0;
  if (hasRange) {
    if (counted.length > 0) {
      otherW = OTHER_WITH_RANGE_FACTOR * combined;
      ws.step(r.other, prefix + m.otherWithRange(counted.map(w).join(' + ')), w(otherW));
    }
  } else if (single) {
    if (counted.length > 0) {
      otherW =
        Math.min(combined, OTHER_NO_RANGE_FULL_W) +
        OTHER_NO_RANGE_EXCESS_FACTOR * Math.max(0, combined - OTHER_NO_RANGE_FULL_W);
      ws.step(r.other, prefix + m.otherWithoutRange(w(combined)), w(otherW));
    }
  } else {
    // 8-202 1)a)viii)B): 25 % of each load over 1500 W plus 6000 W when no range is provided for —
    // the 6000 W is added even when there is no other load (the safe reading, stated).
    otherW = OTHER_WITH_RANGE_FACTOR * combined + UNIT_NO_RANGE_ALLOWANCE_W;
    if (counted.length === 0) ws.assume(m.assumeUnitNoRangeAllowance);
    ws.step(r.other, prefix + m.otherUnitWithoutRange(w(combined)), w(otherW));
  }

  const totalW = basicW + heatingCoolingW + rangeW + fullDemandW + evW + otherW;
  return {
    livingAreaM2,
    basicW,
    heatingDemandW,
    airConditioningW: acW,
    heatingCoolingW,
    rangeW,
    fullDemandW,
    evW,
    otherW,
    totalW,
  };
}
