import { z } from 'zod';
import { defaultRetention, defineQueue } from './queue-definition.ts';

/** A bill of materials from an item list, without a plan (`POST /v1/boms`). */
export const BomBuildJob = z.object({
  bomId: z.uuid(),
  organisationId: z.uuid(),
  requestId: z.string().max(128).optional(),
});
export type BomBuildJob = z.infer<typeof BomBuildJob>;

export const BomBuildResult = z.object({ bomId: z.uuid(), lines: z.number().int().nonnegative() });
export type BomBuildResult = z.infer<typeof BomBuildResult>;

export const bomBuildQueue = defineQueue({
  name: 'bom-build',
  payload: BomBuildJob,
  result: BomBuildResult,
  defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, ...defaultRetention },
});
