import { z } from 'zod';
import { type ByEdition, Edition } from '../editions.ts';
import { formatML, round } from '../format.ts';
import { messages } from '../messages/index.ts';
import { CalculationTrace, Worksheet } from '../steps.ts';
import { BoxConductorSize, boxConductorSizes, table22SpacePerConductorML } from '../tables/box-volumes.ts';
import { type CalculationOptions, resolveLang } from './options.ts';

export const BoxFillConductor = z.strictObject({
  size: BoxConductorSize,
  /** Insulated conductors counted per 12-3034 1): one per conductor entering/leaving or passing through. */
  count: z.number().int().positive(),
});
export type BoxFillConductor = z.infer<typeof BoxFillConductor>;

export const BoxFillInput = z.strictObject({
  edition: Edition.default('2026'),
  boxVolumeML: z.number().positive(),
  conductors: z.array(BoxFillConductor).min(1),
  /** Flush-mounted devices, each on its own strap (receptacle, switch…). */
  devices: z.number().int().nonnegative().optional(),
  /** Pairs of wire connectors with insulating caps (marrettes): one conductor per pair. */
  wireConnectorPairs: z.number().int().nonnegative().optional(),
  /** Fixture studs or hickeys in the box. */
  fixtureStuds: z.number().int().nonnegative().optional(),
});
export type BoxFillInput = z.infer<typeof BoxFillInput>;

export const BoxFillResult = z.object({
  edition: Edition,
  requiredML: z.number(),
  availableML: z.number(),
  withinLimit: z.boolean(),
  /** Conductor equivalents counted (conductors + deductions), all sizes together. */
  conductorEquivalents: z.number(),
  ...CalculationTrace.shape,
});
export type BoxFillResult = z.infer<typeof BoxFillResult>;

/**
 * Deductions of 12-3034 2), per edition (CEC 2021 reworded the subrule — marked Δ in the
 * 25th edition):
 * - devices: two conductors per flush device on a single strap (both editions; the 2015 wording
 *   "two conductors if the box contains one or more flush devices mounted on a single strap" is
 *   read per strap, as Appendix B and common practice do);
 * - fixture studs/hickeys: CEC 2015 "one conductor if the box contains one or more", CEC 2021
 *   "one … for each fixture stud or hickey";
 * - wire connectors: one conductor per pair of connectors with insulating caps (both editions).
 * Each deduction is of the largest conductor size (CEC 2021: the largest in the box for studs,
 * the largest under the connector for connectors; we use the largest in the box for all —
 * conservative).
 */
const fixtureStudRule: ByEdition<'one-if-any' | 'one-each'> = { '2018': 'one-if-any', '2026': 'one-each' };

/**
 * Required usable volume of a box per 12-3034 (Table 22 space per insulated conductor) and
 * whether the given volume suffices. Bare bonding conductors and conductors that do not leave the
 * box (pigtails) are not counted. Pure; never throws for a parsed input.
 */
export function boxFill(input: BoxFillInput, options?: CalculationOptions): BoxFillResult {
  const lang = resolveLang(options);
  const m = messages(lang);
  const ws = new Worksheet();
  const { edition } = input;
  const space = table22SpacePerConductorML[edition];
  const table22 = m.table('22');

  let requiredML = 0;
  let equivalents = 0;
  for (const conductor of input.conductors) {
    const each = space[conductor.size];
    requiredML += conductor.count * each;
    equivalents += conductor.count;
    ws.step(
      table22,
      m.boxConductors(conductor.count, conductor.size, formatML(each, lang)),
      formatML(conductor.count * each, lang),
    );
  }

  const largest = boxConductorSizes.reduce<BoxConductorSize>(
    (acc, size) => (input.conductors.some((c) => c.size === size) ? size : acc),
    input.conductors[0]?.size ?? '14 AWG',
  );
  const largestML = space[largest];

  const devices = input.devices ?? 0;
  if (devices > 0) {
    requiredML += 2 * devices * largestML;
    equivalents += 2 * devices;
    ws.step('12-3034 2)c)', m.boxDevices(devices, largest), formatML(2 * devices * largestML, lang));
  }
  const pairs = input.wireConnectorPairs ?? 0;
  if (pairs > 0) {
    requiredML += pairs * largestML;
    equivalents += pairs;
    ws.step('12-3034 2)b)', m.boxConnectorPairs(pairs, largest), formatML(pairs * largestML, lang));
  }
  const studs = input.fixtureStuds ?? 0;
  if (studs > 0) {
    const counted = fixtureStudRule[edition] === 'one-each' ? studs : 1;
    requiredML += counted * largestML;
    equivalents += counted;
    ws.step('12-3034 2)a)', m.boxFixtureStuds(studs, counted, largest), formatML(counted * largestML, lang));
  }
  if (devices > 0 || pairs > 0 || studs > 0) ws.assume(m.assumeLargestSizeForDeductions);
  ws.assume(m.assumeBoxNotCounted);
  if (devices > 0) ws.assume(m.assumeShallowDevices);

  ws.step('12-3034 4)', m.boxRequired, formatML(requiredML, lang));
  ws.step('12-3034 1)', m.boxAvailable, formatML(input.boxVolumeML, lang));
  const withinLimit = requiredML <= input.boxVolumeML + 1e-9;
  ws.step('12-3034', m.boxVerdict, withinLimit ? m.withinLimit : m.exceedsLimit);
  ws.assume(m.verificationAid);

  return {
    edition,
    requiredML: round(requiredML, 1),
    availableML: input.boxVolumeML,
    withinLimit,
    conductorEquivalents: equivalents,
    ...ws.trace(),
  };
}
