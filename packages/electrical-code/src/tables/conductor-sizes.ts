import { z } from 'zod';

/** Conductor sizes covered by the tables of this package, smallest first (CEC Tables 1–4 rows). */
export const conductorSizes = [
  '14 AWG',
  '12 AWG',
  '10 AWG',
  '8 AWG',
  '6 AWG',
  '4 AWG',
  '3 AWG',
  '2 AWG',
  '1 AWG',
  '1/0 AWG',
  '2/0 AWG',
  '3/0 AWG',
  '4/0 AWG',
  '250 kcmil',
  '300 kcmil',
  '350 kcmil',
  '400 kcmil',
  '500 kcmil',
] as const;

export const ConductorSize = z.enum(conductorSizes);
export type ConductorSize = z.infer<typeof ConductorSize>;

export const ConductorMaterial = z.enum(['copper', 'aluminum']);
export type ConductorMaterial = z.infer<typeof ConductorMaterial>;

/** Position of a size in the ascending list (larger index = larger conductor). */
export function sizeIndex(size: ConductorSize): number {
  return conductorSizes.indexOf(size);
}

/** The larger of two sizes. */
export function largerSize(a: ConductorSize, b: ConductorSize): ConductorSize {
  return sizeIndex(a) >= sizeIndex(b) ? a : b;
}
