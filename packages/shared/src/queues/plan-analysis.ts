import { z } from 'zod';
import { defaultRetention, defineQueue } from './queue-definition.ts';

export const PlanAnalysisJob = z.object({
  planId: z.uuid(),
  organisationId: z.uuid(),
  /** sha256 of the stored PDF (content-addressed storage key). */
  fileSha256: z.string().regex(/^[a-f0-9]{64}$/),
  edition: z.enum(['2018', '2026']),
  requestId: z.string().max(128).optional(),
});
export type PlanAnalysisJob = z.infer<typeof PlanAnalysisJob>;

export const PlanAnalysisResult = z.object({ planId: z.uuid(), pages: z.number().int().nonnegative() });
export type PlanAnalysisResult = z.infer<typeof PlanAnalysisResult>;

export const planAnalysisQueue = defineQueue({
  name: 'plan-analysis',
  payload: PlanAnalysisJob,
  result: PlanAnalysisResult,
  defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 2000 }, ...defaultRetention },
});
