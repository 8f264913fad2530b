import { z } from 'zod';
import { defaultRetention, defineQueue } from './queue-definition.ts';

export const AgentRunJob = z.object({
  runId: z.uuid(),
  organisationId: z.uuid(),
  agentId: z.string().min(1).max(64),
  requestId: z.string().max(128).optional(),
});
export type AgentRunJob = z.infer<typeof AgentRunJob>;

export const AgentRunResult = z.object({ runId: z.uuid(), status: z.enum(['completed', 'failed']) });
export type AgentRunResult = z.infer<typeof AgentRunResult>;

export const agentRunQueue = defineQueue({
  name: 'agent-run',
  payload: AgentRunJob,
  result: AgentRunResult,
  defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 2000 }, ...defaultRetention },
});
