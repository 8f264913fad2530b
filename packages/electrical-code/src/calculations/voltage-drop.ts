import { z } from 'zod';
import { type ByEdition, Edition, sameInBothEditions } from '../editions.ts';
import { CalculationError } from '../errors.ts';
import { formatC, formatPercent, formatQuantity, formatV, round } from '../format.ts';
import { both, messages } from '../messages/index.ts';
import { CalculationTrace, Worksheet } from '../steps.ts';
import { ConductorMaterial, ConductorSize } from '../tables/conductor-sizes.ts';
import { REFERENCE_TEMPERATURE_C, resistanceOhmPerKm } from '../tables/resistance.ts';
import { type CalculationOptions, resolveLang } from './options.ts';
import { refsFor } from './rule-refs.ts';

/** Which limit of 8-102 1) applies: one feeder or branch circuit (3 %) or supply to use (5 %). */
export const VoltageDropScope = z.enum(['branch-or-feeder', 'total']);
export type VoltageDropScope = z.infer<typeof VoltageDropScope>;

export const VoltageDropInput = z.strictObject({
  edition: Edition.default('2026'),
  material: ConductorMaterial,
  size: ConductorSize,
  /** One-way length of the circuit, m. */
  lengthM: z.number().positive(),
  currentA: z.number().positive(),
  /** Nominal voltage: line-to-line for 3-phase, the circuit voltage for 1-phase. */
  voltage: z.number().positive(),
  phases: z.literal([1, 3]),
  /** Conductor operating temperature for the resistance; default 75 °C. */
  conductorTempC: z.number().min(-40).max(250).optional(),
  scope: VoltageDropScope.default('branch-or-feeder'),
});
export type VoltageDropInput = z.infer<typeof VoltageDropInput>;

export const VoltageDropResult = z.object({
  edition: Edition,
  dropV: z.number(),
  dropPercent: z.number(),
  limitPercent: z.number(),
  withinLimit: z.boolean(),
  /** Conductor resistance used, Ω/km at conductorTempC. */
  resistanceOhmPerKm: z.number(),
  conductorTempC: z.number(),
  ...CalculationTrace.shape,
});
export type VoltageDropResult = z.infer<typeof VoltageDropResult>;

/**
 * 8-102 1): drop ≤ 3 % in a feeder or branch circuit (CEC 2021 1)a); CEC 2015 1)c)), ≤ 5 % from
 * the supply side of the consumer's service to the point of use (1)b) in both). Same limits in
 * both editions; the clauses come from rule-references.ts.
 */
export const voltageDropLimits: ByEdition<Record<VoltageDropScope, number>> = sameInBothEditions({
  'branch-or-feeder': 3,
  total: 5,
});

/**
 * Voltage drop from DC resistance: 1-phase 2·L·I·R, 3-phase √3·L·I·R (R in Ω/m at the conductor
 * temperature). Linear in length and current. Reactance is neglected (see assumptions).
 * @throws CalculationError `size_not_in_table` for aluminum 14 AWG.
 */
export function voltageDrop(input: VoltageDropInput, options?: CalculationOptions): VoltageDropResult {
  const lang = resolveLang(options);
  const m = messages(lang);
  const ws = new Worksheet();
  const { edition, material, size } = input;
  const temperatureC = input.conductorTempC ?? REFERENCE_TEMPERATURE_C;
  const refs = refsFor(edition);

  const r = resistanceOhmPerKm(material, size, temperatureC);
  const r75 = resistanceOhmPerKm(material, size, REFERENCE_TEMPERATURE_C);
  if (r === undefined || r75 === undefined) {
    throw new CalculationError(
      'size_not_in_table',
      both((mm) => mm.errorSizeNotInTable(size, material)),
      { size, material },
    );
  }
  ws.assume(m.assumeResistanceSource);
  ws.assume(m.assumeReactanceNeglected);
  if (input.conductorTempC === undefined) ws.assume(m.assumeConductorTemp75);
  const ohmKm = (value: number) => formatQuantity(value, 'Ω/km', lang, 4);
  ws.step(m.resistanceSourceRef, m.resistanceAt75(size, material), ohmKm(r75));
  if (temperatureC !== REFERENCE_TEMPERATURE_C) {
    ws.step(m.resistanceSourceRef, m.resistanceCorrected(formatC(temperatureC, lang)), ohmKm(r));
  }

  const ohmPerM = r / 1000;
  const multiplier = input.phases === 1 ? 2 : Math.sqrt(3);
  const dropV = multiplier * input.lengthM * input.currentA * ohmPerM;
  ws.step(
    refs.voltageDropBasis,
    input.phases === 1 ? m.dropSinglePhase : m.dropThreePhase,
    formatV(dropV, lang),
  );
  const dropPercent = (dropV / input.voltage) * 100;
  ws.step(
    refs.voltageDropBasis,
    m.dropPercentOf(formatV(input.voltage, lang)),
    formatPercent(dropPercent, lang),
  );

  const limitPercent = voltageDropLimits[edition][input.scope];
  const ruleRef = input.scope === 'total' ? refs.voltageDropTotal : refs.voltageDropBranchOrFeeder;
  ws.assume(m.assumeDropBasis(refs.voltageDropBasis));
  const withinLimit = dropPercent <= limitPercent;
  ws.step(ruleRef, m.dropLimit(input.scope), formatPercent(limitPercent, lang));
  ws.step(ruleRef, m.dropVerdict, withinLimit ? m.withinLimit : m.exceedsLimit);
  ws.assume(m.assumeOneWayLength);
  ws.assume(m.verificationAid);

  return {
    edition,
    dropV: round(dropV, 3),
    dropPercent: round(dropPercent, 3),
    limitPercent,
    withinLimit,
    resistanceOhmPerKm: round(r, 4),
    conductorTempC: temperatureC,
    ...ws.trace(),
  };
}
