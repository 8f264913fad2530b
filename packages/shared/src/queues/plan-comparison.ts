import { z } from 'zod';
import { defaultRetention, defineQueue } from './queue-definition.ts';

/** A comparison of two plans' analyses (`POST /v1/comparisons`), computed by worker-bom. */
export const PlanComparisonJob = z.object({
  comparisonId: z.uuid(),
  organisationId: z.uuid(),
  requestId: z.string().max(128).optional(),
});
export type PlanComparisonJob = z.infer<typeof PlanComparisonJob>;

export const PlanComparisonResult = z.object({
  comparisonId: z.uuid(),
  symbolChanges: z.number().int().nonnegative(),
});
export type PlanComparisonResult = z.infer<typeof PlanComparisonResult>;

/**
 * A comparison may be requested while either plan is still being analysed: its job then fails
 * with a retryable "not ready" error and comes back with exponential backoff, 2 s doubling over
 * 14 attempts (about 9 h in all, longer than any analysis).
 */
export const planComparisonQueue = defineQueue({
  name: 'plan-comparison',
  payload: PlanComparisonJob,
  result: PlanComparisonResult,
  defaultJobOptions: { attempts: 14, backoff: { type: 'exponential', delay: 2000 }, ...defaultRetention },
});
