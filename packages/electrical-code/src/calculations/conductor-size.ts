import { z } from 'zod';
import { Edition } from '../editions.ts';
import { CalculationError } from '../errors.ts';
import { formatA, formatC, formatFactor, round } from '../format.ts';
import { both, messages } from '../messages/index.ts';
import { CalculationTrace, Worksheet } from '../steps.ts';
import {
  AmpacityTableId,
  ampacityTableFor,
  Installation,
  InsulationRating,
  tabulatedAmpacity,
} from '../tables/ampacity.ts';
import { ConductorMaterial, ConductorSize, conductorSizes } from '../tables/conductor-sizes.ts';
import {
  ambientCorrectionFactor,
  continuousLoadFactor,
  groupingCorrectionFactor,
} from '../tables/correction-factors.ts';
import { smallConductorCaps } from '../tables/overcurrent.ts';
import { type CalculationOptions, resolveLang } from './options.ts';

export const ConductorSizeInput = z.strictObject({
  edition: Edition.default('2026'),
  currentA: z.number().positive(),
  material: ConductorMaterial,
  insulationRatingC: InsulationRating,
  /** Marked termination temperature of the equipment; when absent 4-006 2) deems 60 or 75 °C. */
  terminationRatingC: InsulationRating.optional(),
  ambientC: z.number().min(-50).max(100).optional(),
  currentCarryingConductors: z.number().int().positive().optional(),
  installation: Installation,
  continuous: z.boolean().optional(),
  /**
   * Apply the Table 5A/5C correction factors to the termination column too (a reading of 4-006 1)
   * with 4-004: the conductor may not exceed the termination temperature after derating). Default
   * false: the termination column limits the tabulated ampacity as printed (stated assumption).
   */
  conservative: z.boolean().optional().meta({
    description:
      'Apply the Table 5A/5C factors to the termination column too (4-006 1) + 4-004). Default false.',
  }),
});
export type ConductorSizeInput = z.infer<typeof ConductorSizeInput>;

export const ConductorSizeResult = z.object({
  edition: Edition,
  size: ConductorSize,
  /** Allowable ampacity of the chosen size after corrections and limits, A. */
  ampacityA: z.number(),
  /** "Table 2" / "Tableau 2". */
  table: z.string(),
  tableId: AmpacityTableId,
  /** Ampacity the conductor must have: currentA, or currentA / 0.8 (0.7 in free air) if continuous. */
  requiredAmpacityA: z.number(),
  baseAmpacityA: z.number(),
  ambientFactor: z.number(),
  groupingFactor: z.number(),
  terminationRatingC: InsulationRating,
  /** Rule 14-104 2) maximum overcurrent protection when the size has one. */
  maxOvercurrentA: z.number().nullable(),
  ...CalculationTrace.shape,
});
export type ConductorSizeResult = z.infer<typeof ConductorSizeResult>;

type Candidate = {
  size: ConductorSize;
  base: number;
  corrected: number;
  terminationLimit: number;
  cap: number | undefined;
  allowable: number;
};

// 4-006 2): unmarked equipment is deemed 60 °C for circuits of 100 A or less, 75 °C above.
const DEEMED_TERMINATION_THRESHOLD_A = 100;
const DEFAULT_AMBIENT_C = 30;

/**
 * Smallest conductor of CEC Tables 1–4 whose allowable ampacity — tabulated value at the
 * insulation column × Table 5A ambient factor × Table 5C grouping factor, limited by the
 * termination column (4-006) and by the 14-104 2) caps — covers the required current (8-104
 * continuous loads included). Invariant: result.ampacityA ≥ result.requiredAmpacityA ≥ currentA.
 * @throws CalculationError `ambient_exceeds_insulation_rating`, `no_conductor_large_enough`.
 */
export function conductorSize(input: ConductorSizeInput, options?: CalculationOptions): ConductorSizeResult {
  const lang = resolveLang(options);
  const m = messages(lang);
  const ws = new Worksheet();
  const { edition, material, installation } = input;
  const a = (value: number) => formatA(value, lang);

  const tableId = ampacityTableFor(material, installation);
  const table = m.table(tableId);
  ws.step(table, m.tableChoice(tableId), table);

  // 8-104 6): continuous loads limited to 80 % (Tables 2/4) or 70 % (Tables 1/3) of the rating.
  let requiredA = input.currentA;
  if (input.continuous) {
    const factor =
      installation === 'free-air'
        ? continuousLoadFactor[edition].freeAir
        : continuousLoadFactor[edition].racewayOrCable;
    requiredA = input.currentA / factor;
    ws.assume(m.assumeContinuousBreaker);
    ws.step(
      installation === 'free-air' ? '8-104 6)b)' : '8-104 6)a)',
      m.continuous(a(input.currentA), formatFactor(factor, lang)),
      a(requiredA),
    );
  } else {
    ws.step('8-104', m.notContinuous, a(requiredA));
  }

  // Table 5A — ambient.
  const ambientC = input.ambientC ?? DEFAULT_AMBIENT_C;
  if (input.ambientC === undefined) ws.assume(m.assumeAmbient30);
  if (ambientC < DEFAULT_AMBIENT_C) ws.assume(m.assumeNoCoolAmbientCredit);
  const ambientFactor = ambientCorrectionFactor(edition, input.insulationRatingC, ambientC);
  if (ambientFactor === undefined) {
    throw new CalculationError(
      'ambient_exceeds_insulation_rating',
      both((mm) => mm.errorAmbient(ambientC, input.insulationRatingC)),
      {
        ambientC,
        insulationRatingC: input.insulationRatingC,
      },
    );
  }
  ws.step(
    m.table('5A'),
    m.ambientFactor(formatC(ambientC, lang), input.insulationRatingC),
    formatFactor(ambientFactor, lang),
  );

  // Table 5C — more than three current-carrying conductors (Tables 2 and 4 only).
  const conductors = input.currentCarryingConductors ?? 3;
  let groupingFactor = 1;
  if (installation === 'raceway-or-cable') {
    groupingFactor = groupingCorrectionFactor(edition, conductors);
    ws.step(m.table('5C'), m.groupingFactor(conductors), formatFactor(groupingFactor, lang));
  } else {
    ws.assume(m.assumeFreeAirSpacing);
  }

  // 4-006 — termination temperature.
  const terminationRatingC: InsulationRating =
    input.terminationRatingC ?? (requiredA <= DEEMED_TERMINATION_THRESHOLD_A ? 60 : 75);
  if (input.terminationRatingC === undefined) {
    ws.assume(m.assumeDeemedTermination(terminationRatingC));
    ws.step('4-006 2)', m.terminationDeemed(terminationRatingC), formatC(terminationRatingC, lang));
  } else {
    ws.step('4-006 1)', m.terminationMarked(terminationRatingC), formatC(terminationRatingC, lang));
  }
  const limitColumn: InsulationRating =
    terminationRatingC < input.insulationRatingC ? terminationRatingC : input.insulationRatingC;
  // 4-006 1) + 4-004: whether the corrections also reduce the termination column.
  const terminationFactor = input.conservative ? ambientFactor * groupingFactor : 1;
  if (input.conservative) {
    ws.assume(m.assumeConservativeTermination);
    ws.step('4-004', m.terminationDerated(limitColumn), formatFactor(terminationFactor, lang));
  } else if (ambientFactor * groupingFactor < 1 && limitColumn < input.insulationRatingC) {
    ws.assume(m.assumeTerminationNotDerated);
  }

  const caps = smallConductorCaps[edition][material];
  const candidates: Candidate[] = [];
  for (const size of conductorSizes) {
    const base = tabulatedAmpacity(edition, tableId, size, input.insulationRatingC);
    const terminationColumn = tabulatedAmpacity(edition, tableId, size, limitColumn);
    if (base === undefined || terminationColumn === undefined) continue;
    const terminationLimit = terminationColumn * terminationFactor;
    const corrected = base * ambientFactor * groupingFactor;
    const cap = caps[size];
    const allowable = Math.min(corrected, terminationLimit, cap ?? Number.POSITIVE_INFINITY);
    candidates.push({ size, base, corrected, terminationLimit, cap, allowable });
  }
  const chosenIndex = candidates.findIndex((c) => c.allowable >= requiredA - 1e-9);
  const chosen = candidates[chosenIndex];
  if (!chosen) {
    throw new CalculationError(
      'no_conductor_large_enough',
      both((mm) => mm.errorNoConductor(requiredA, tableId)),
      {
        requiredAmpacityA: round(requiredA, 2),
        table: tableId,
      },
    );
  }

  const previous = candidates[chosenIndex - 1];
  const describe = (c: Candidate) =>
    m.candidate(
      c.size,
      a(c.base),
      formatFactor(ambientFactor, lang),
      formatFactor(groupingFactor, lang),
      a(c.corrected),
      a(c.terminationLimit),
      limitColumn,
    );
  if (previous) ws.step(table, `${describe(previous)} — ${m.insufficient}`, a(previous.allowable));
  ws.step(table, describe(chosen), a(Math.min(chosen.corrected, chosen.terminationLimit)));
  if (chosen.cap !== undefined) {
    ws.step('14-104 2)', m.smallConductorCap(chosen.size, material, a(chosen.cap)), a(chosen.cap));
  }
  ws.step(table, m.chosenSize, chosen.size);
  ws.assume(m.verificationAid);

  return {
    edition,
    size: chosen.size,
    ampacityA: round(chosen.allowable, 2),
    table,
    tableId,
    requiredAmpacityA: round(requiredA, 2),
    baseAmpacityA: chosen.base,
    ambientFactor,
    groupingFactor,
    terminationRatingC,
    maxOvercurrentA: chosen.cap ?? null,
    ...ws.trace(),
  };
}
