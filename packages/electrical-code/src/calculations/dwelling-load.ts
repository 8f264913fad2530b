import { z } from 'zod';
import { Edition } from '../editions.ts';
import { formatA, formatV, formatW, round } from '../format.ts';
import { messages } from '../messages/index.ts';
import { CalculationTrace, Worksheet } from '../steps.ts';
import { computeDwellingItems, dwellingLoadsShape, WaterHeaterRule } from './dwelling-items.ts';
import { type CalculationOptions, resolveLang } from './options.ts';
import { quebecEvProvision, refsFor } from './rule-refs.ts';
import { serviceSizingShape, sizeService } from './service-sizing.ts';

/** 120/240 V single-phase dwelling service: currents are taken at 240 V (8-100). */
export const DWELLING_VOLTAGE = 240;

export const DwellingLoadInput = z.strictObject({
  edition: Edition.default('2026'),
  ...dwellingLoadsShape,
  voltage: z.literal(DWELLING_VOLTAGE).default(DWELLING_VOLTAGE),
  waterHeaterRule: WaterHeaterRule.default('other-loads'),
});
export type DwellingLoadInput = z.infer<typeof DwellingLoadInput>;

export const DwellingLoadResult = z.object({
  edition: Edition,
  /** Living area per 8-110 (basement at 75 % when it counts), m². */
  livingAreaM2: z.number(),
  /** Sum of the items of 8-200 1)a), W. */
  calculatedLoadW: z.number(),
  /** 8-200 1)b) minimum (100 A or 60 A at 240 V), W. */
  minimumLoadW: z.number(),
  /** The greater of the two, W. */
  demandLoadW: z.number(),
  /** demandLoadW / 240 V, A — the minimum ampacity of the service or feeder conductors. */
  currentA: z.number(),
  ...serviceSizingShape,
  waterHeaterRule: WaterHeaterRule,
  ...CalculationTrace.shape,
});
export type DwellingLoadResult = z.infer<typeof DwellingLoadResult>;

// 8-200 1)b): 100 A when the floor area excluding the basement is 80 m² or more, else 60 A.
const MINIMUM_LARGE_A = 100;
const MINIMUM_SMALL_A = 60;
const MINIMUM_AREA_THRESHOLD_M2 = 80;

/**
 * Calculated load of a single dwelling per Rule 8-200 (living area per 8-110), with the service
 * size and its Table 39 conductors. Pure. Invariants: demandLoadW = max(calculatedLoadW,
 * minimumLoadW), serviceSizeA ≥ minimumOvercurrentA ≥ currentA, every step's ruleRef is in ruleRefs. Takes a parsed input (`DwellingLoadInput.parse`); never throws for a parsed input.
 */
export function dwellingLoad(input: DwellingLoadInput, options?: CalculationOptions): DwellingLoadResult {
  const lang = resolveLang(options);
  const m = messages(lang);
  const ws = new Worksheet();
  const { edition } = input;
  const refs = refsFor(edition);
  const w = (value: number) => formatW(value, lang);

  const items = computeDwellingItems(input, {
    edition,
    lang,
    m,
    ws,
    kind: 'single',
    waterHeaterRule: input.waterHeaterRule,
    prefix: '',
  });
  if (quebecEvProvision[edition] && (input.evChargers ?? []).length === 0)
    ws.assume(m.assumeQuebecEvProvision);

  ws.step(refs.singleService, m.calculatedTotal, w(items.totalW));

  const minimumA = input.livingAreaM2 >= MINIMUM_AREA_THRESHOLD_M2 ? MINIMUM_LARGE_A : MINIMUM_SMALL_A;
  const minimumLoadW = minimumA * DWELLING_VOLTAGE;
  ws.step(
    refs.singleMinimum,
    m.minimumSingle(minimumA, input.livingAreaM2 >= MINIMUM_AREA_THRESHOLD_M2),
    w(minimumLoadW),
  );

  const demandLoadW = Math.max(items.totalW, minimumLoadW);
  ws.step(refs.singleService, m.demandGreater, w(demandLoadW));
  const currentA = demandLoadW / DWELLING_VOLTAGE;
  ws.assume(m.assumeVoltage240);
  ws.step(refs.currentDivisor, m.currentAt(formatV(DWELLING_VOLTAGE, lang)), formatA(currentA, lang));
  const service = sizeService(currentA, {
    edition,
    lang,
    m,
    ws,
    serviceRef: refs.singleService,
    useTable39: true,
  });
  ws.assume(m.verificationAid);

  return {
    edition,
    livingAreaM2: round(items.livingAreaM2, 2),
    calculatedLoadW: round(items.totalW, 2),
    minimumLoadW,
    demandLoadW: round(demandLoadW, 2),
    currentA: round(currentA, 2),
    ...service,
    waterHeaterRule: input.waterHeaterRule,
    ...ws.trace(),
  };
}
