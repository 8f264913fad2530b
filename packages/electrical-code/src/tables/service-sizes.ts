import { z } from 'zod';
import { type ByEdition, type Edition, sameInBothEditions } from '../editions.ts';
import { tabulatedAmpacity } from './ampacity.ts';
import { type ConductorMaterial, type ConductorSize, conductorSizes, sizeIndex } from './conductor-sizes.ts';

/**
 * Standard service ratings an estimator quotes, smallest first: 60, 100, 125, 200 A, then the
 * 320/400 A class (meter socket rated 320 A continuous, 400 A service — reported as 400), then
 * the standard switchboard ratings. The utility (Hydro-Québec, Norme E.21-10) decides what it
 * connects; this is the code side only.
 */
export const standardServiceRatingsA = [
  60, 100, 125, 200, 400, 600, 800, 1000, 1200, 1600, 2000, 2500, 3000, 4000,
] as const;

/** The smallest standard service rating ≥ `currentA`, or undefined above 4000 A. */
export function standardServiceRating(currentA: number): number | undefined {
  return standardServiceRatingsA.find((rating) => rating >= currentA - 1e-9);
}

/** Which table the service or feeder conductor comes from. */
export const ServiceConductorTable = z.enum(['39', '2/4']);
export type ServiceConductorTable = z.infer<typeof ServiceConductorTable>;

type Table39Row = { copper: string; aluminum: string };

/**
 * CEC Table 39 — minimum size of 3-wire 120/240 V and 120/208 V service conductors of a single
 * dwelling (and feeders to a dwelling unit), usable under Rule 4-004 23) when the calculated load
 * is per 8-200 1) / 8-202 1) and the terminations are rated at least 75 °C; the service rating
 * is then the conductors' ampere rating for 8-104 (BC Safety Authority D-EL 2016-06, quoting
 * C22.1-15). Sizes keyed by service rating: the values of the harmonized NEC dwelling table
 * (310.12), whose rows Table 39 follows from 100 A up; 60 A is the Table 2/4 75 °C size.
 * TO CONFIRM against the code book (README "Unverified"): the same rows are assumed in both editions.
 */
const table39: ByEdition<Readonly<Record<number, Table39Row>>> = sameInBothEditions({
  60: { copper: '6 AWG', aluminum: '4 AWG' },
  100: { copper: '4 AWG', aluminum: '2 AWG' },
  110: { copper: '3 AWG', aluminum: '1 AWG' },
  125: { copper: '2 AWG', aluminum: '1/0 AWG' },
  150: { copper: '1 AWG', aluminum: '2/0 AWG' },
  175: { copper: '1/0 AWG', aluminum: '3/0 AWG' },
  200: { copper: '2/0 AWG', aluminum: '4/0 AWG' },
  225: { copper: '3/0 AWG', aluminum: '250 kcmil' },
  250: { copper: '4/0 AWG', aluminum: '300 kcmil' },
  300: { copper: '250 kcmil', aluminum: '350 kcmil' },
  350: { copper: '350 kcmil', aluminum: '500 kcmil' },
  400: { copper: '400 kcmil', aluminum: '600 kcmil' },
});

/** The Table 39 conductors for a service rating, or undefined when Table 39 has no such row. */
export function table39Conductors(edition: Edition, ratingA: number): Table39Row | undefined {
  return table39[edition][ratingA];
}

// 12-108 1): conductors in parallel are 1/0 AWG or larger.
const SMALLEST_PARALLEL: ConductorSize = '1/0 AWG';
const MAX_PARALLEL_SETS = 10;

/**
 * The smallest conductor of Table 2 (copper) or Table 4 (aluminum), 75 °C column, whose ampacity
 * is at least `requiredA`; in parallel sets ("2 × 350 kcmil") when no single size is large enough
 * (fewest sets first, 1/0 AWG or larger). Undefined above 10 sets of 500 kcmil.
 */
export function tableConductorFor(
  edition: Edition,
  material: ConductorMaterial,
  requiredA: number,
): string | undefined {
  const table = material === 'copper' ? '2' : '4';
  for (let sets = 1; sets <= MAX_PARALLEL_SETS; sets++) {
    const size = conductorSizes.find((candidate) => {
      if (sets > 1 && sizeIndex(candidate) < sizeIndex(SMALLEST_PARALLEL)) return false;
      const ampacity = tabulatedAmpacity(edition, table, candidate, 75);
      return ampacity !== undefined && sets * ampacity >= requiredA - 1e-9;
    });
    if (size) return sets === 1 ? size : `${sets} × ${size}`;
  }
  return undefined;
}
