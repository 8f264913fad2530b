import { type ByEdition, type Edition, sameInBothEditions } from '../editions.ts';
import type { InsulationRating } from './ampacity.ts';

/**
 * CEC Table 5A — ampacity correction factors for ambient temperatures above 30 °C, applied to
 * Tables 1–4. Each row applies to ambients up to and including its temperature (a 37 °C ambient
 * uses the 40 °C row: the conservative reading when the ambient falls between rows).
 * Values = NEC 310.15(B)(2)(a) (harmonized in CEC 2012); they match √((Tc − Ta)/(Tc − 30)) to two
 * decimals, e.g. 75 °C insulation at 40 °C: √(35/45) = 0.882 → 0.88. Same in both editions.
 * `undefined` = the insulation cannot be used at that ambient.
 * Ambients at or below 30 °C take 1.00: we do not credit cooler ambients (CEC Table 5A gives no
 * factor above 1 — a conservative choice, reported as an assumption).
 */
type Table5ARow = readonly [
  ambientMaxC: number,
  f60: number | undefined,
  f75: number | undefined,
  f90: number | undefined,
];
const table5A: ByEdition<ReadonlyArray<Table5ARow>> = sameInBothEditions([
  [30, 1.0, 1.0, 1.0],
  [35, 0.91, 0.94, 0.96],
  [40, 0.82, 0.88, 0.91],
  [45, 0.71, 0.82, 0.87],
  [50, 0.58, 0.75, 0.82],
  [55, 0.41, 0.67, 0.76],
  [60, undefined, 0.58, 0.71],
  [65, undefined, 0.47, 0.65],
  [70, undefined, 0.33, 0.58],
  [75, undefined, undefined, 0.5],
  [80, undefined, undefined, 0.41],
  [85, undefined, undefined, 0.29],
]);

/** Table 5A factor for the insulation rating at the ambient, or undefined when not permitted. */
export function ambientCorrectionFactor(
  edition: Edition,
  insulationC: InsulationRating,
  ambientC: number,
): number | undefined {
  const row = table5A[edition].find(([maxC]) => ambientC <= maxC);
  if (!row) return undefined;
  const column = insulationC === 60 ? row[1] : insulationC === 75 ? row[2] : row[3];
  return column;
}

/**
 * CEC Table 5C — correction factors for Tables 2 and 4 where more than three current-carrying
 * conductors are in a raceway or cable: 1–3 → 1.00, 4–6 → 0.80, 7–24 → 0.70, 25–42 → 0.60,
 * 43 and more → 0.50 (CEC 2015 and CEC 2021; note the CEC bands differ from NEC 310.15(C)(1),
 * whose 10–20 band is 0.50 — we follow the CEC).
 */
const table5C: ByEdition<ReadonlyArray<readonly [maxConductors: number, factor: number]>> =
  sameInBothEditions([
    [3, 1.0],
    [6, 0.8],
    [24, 0.7],
    [42, 0.6],
    [Number.POSITIVE_INFINITY, 0.5],
  ]);

export function groupingCorrectionFactor(edition: Edition, currentCarryingConductors: number): number {
  const row = table5C[edition].find(([max]) => currentCarryingConductors <= max);
  return row ? row[1] : 0.5;
}

/**
 * Rule 8-104 5) and 6): a continuous load may not exceed a fraction of the rating of the
 * circuit. For overcurrent devices not marked for continuous operation at 100 % (the ordinary
 * residential breaker, our assumption): 80 % where conductors are sized from Tables 2/4
 * (8-104 6)a)), 70 % where sized from the free-air Tables 1/3 (8-104 6)b), Appendix B note on
 * 8-104 5)b) and 6)b)). Same numbering and values in CEC 2015 and CEC 2021.
 */
export const continuousLoadFactor: ByEdition<{ racewayOrCable: number; freeAir: number }> =
  sameInBothEditions({
    racewayOrCable: 0.8,
    freeAir: 0.7,
  });
