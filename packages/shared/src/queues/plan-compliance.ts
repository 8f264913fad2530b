import { z } from 'zod';
import { defaultRetention, defineQueue } from './queue-definition.ts';

export const PlanComplianceJob = z.object({
  planId: z.uuid(),
  organisationId: z.uuid(),
  edition: z.enum(['2018', '2026']),
  requestId: z.string().max(128).optional(),
});
export type PlanComplianceJob = z.infer<typeof PlanComplianceJob>;

export const PlanComplianceResult = z.object({ planId: z.uuid(), findings: z.number().int().nonnegative() });
export type PlanComplianceResult = z.infer<typeof PlanComplianceResult>;

export const planComplianceQueue = defineQueue({
  name: 'plan-compliance',
  payload: PlanComplianceJob,
  result: PlanComplianceResult,
  defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, ...defaultRetention },
});
