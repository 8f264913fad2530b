import { z } from 'zod';
import { conductorSizes } from './size-lists.ts';

export { conductorSizes };

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
