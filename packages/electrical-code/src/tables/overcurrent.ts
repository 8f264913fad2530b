import { type ByEdition, sameInBothEditions } from '../editions.ts';
import type { ConductorMaterial, ConductorSize } from './conductor-sizes.ts';

/**
 * Rule 14-104 2): maximum overcurrent protection of small conductors, whatever their tabulated
 * ampacity — copper 14 AWG 15 A, 12 AWG 20 A, 10 AWG 30 A (CEC 2015 and 2021; confirmed by public
 * summaries of 14-104 2)). Aluminum 12 AWG 15 A and 10 AWG 25 A: the harmonized values of NEC
 * 240.4(D); we did not find the CEC aluminum wording in a public source, so they are kept as the
 * conservative reading and reported in the README as unverified.
 */
export const smallConductorCaps: ByEdition<
  Record<ConductorMaterial, Partial<Record<ConductorSize, number>>>
> = sameInBothEditions({
  copper: { '14 AWG': 15, '12 AWG': 20, '10 AWG': 30 },
  aluminum: { '12 AWG': 15, '10 AWG': 25 },
});

/**
 * Standard ratings of fuses and circuit breakers (CEC Table 13 ratings up to 600 A, the same
 * series as NEC 240.6(A)); used to name the service or feeder rating a calculated current implies.
 */
export const standardOvercurrentRatingsA = [
  15, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 90, 100, 110, 125, 150, 175, 200, 225, 250, 300, 350, 400, 450,
  500, 600,
] as const;

/** The smallest standard rating at least `currentA`, or undefined above 600 A. */
export function nextStandardRating(currentA: number): number | undefined {
  return standardOvercurrentRatingsA.find((rating) => rating >= currentA);
}
