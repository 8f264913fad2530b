import { type JobsOptions, Queue, type QueueOptions } from 'bullmq';
import type { z } from 'zod';
import type { RedisClient } from '../redis/index.ts';
import { queueTelemetry } from '../telemetry/index.ts';
import { agentRunQueue } from './agent-run.ts';
import { bomBuildQueue } from './bom-build.ts';
import { planAnalysisQueue } from './plan-analysis.ts';
import { planBomQueue } from './plan-bom.ts';
import { planComparisonQueue } from './plan-comparison.ts';
import { planComplianceQueue } from './plan-compliance.ts';
import type { QueueDefinition } from './queue-definition.ts';
import { webhookQueue } from './webhook.ts';

export * from './agent-orchestration-flow.ts';
export * from './agent-run.ts';
export * from './bom-build.ts';
export * from './plan-analysis.ts';
export * from './plan-bom.ts';
export * from './plan-comparison.ts';
export * from './plan-compliance.ts';
export { defaultRetention, defineQueue, type QueueDefinition } from './queue-definition.ts';
export * from './webhook.ts';

/** The typed catalogue of every queue; nobody spells a queue name as a literal elsewhere. */
export const queues = {
  planAnalysis: planAnalysisQueue,
  planCompliance: planComplianceQueue,
  planBom: planBomQueue,
  agentRun: agentRunQueue,
  bomBuild: bomBuildQueue,
  planComparison: planComparisonQueue,
  webhook: webhookQueue,
} as const;
export type QueueKey = keyof typeof queues;
export const allQueueDefinitions: QueueDefinition[] = Object.values(queues);

/** Deterministic job id for a plan stage: a re-submit cannot duplicate work (BullMQ forbids ':' in ids). */
export function stageJobId(planId: string, stage: 'analysis' | 'compliance' | 'bom'): string {
  return `${planId}_${stage}`;
}

export function openQueue<D extends QueueDefinition>(
  def: D,
  connection: RedisClient,
  prefix: string,
  extra: Partial<QueueOptions> = {},
): Queue<z.infer<D['payload']>, z.infer<D['result']>> {
  return new Queue(def.name, {
    connection,
    prefix,
    defaultJobOptions: def.defaultJobOptions,
    ...queueTelemetry(),
    ...extra,
  });
}

/** Validates the payload against the queue's schema, then adds the job. */
export async function enqueue<D extends QueueDefinition>(
  queue: Queue,
  def: D,
  data: z.input<D['payload']>,
  opts: JobsOptions = {},
) {
  const payload = def.payload.parse(data);
  return queue.add(def.name, payload, opts);
}
