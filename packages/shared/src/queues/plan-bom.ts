import { z } from 'zod';
import { defaultRetention, defineQueue } from './queue-definition.ts';

export const PlanBomJob = z.object({
  planId: z.uuid(),
  organisationId: z.uuid(),
  requestId: z.string().max(128).optional(),
});
export type PlanBomJob = z.infer<typeof PlanBomJob>;

export const PlanBomResult = z.object({ planId: z.uuid(), lines: z.number().int().nonnegative() });
export type PlanBomResult = z.infer<typeof PlanBomResult>;

export const planBomQueue = defineQueue({
  name: 'plan-bom',
  payload: PlanBomJob,
  result: PlanBomResult,
  defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, ...defaultRetention },
});
