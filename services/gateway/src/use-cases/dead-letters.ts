import { agentRuns, boms, type Db, type PlanStageName } from '@saeq/shared/db';
import { reopenPlanStage } from '@saeq/shared/plans';
import { queues } from '@saeq/shared/queues';
import type { Job } from 'bullmq';
import { and, eq } from 'drizzle-orm';

const stageOfQueue: Record<string, PlanStageName> = {
  [queues.planAnalysis.name]: 'analysis',
  [queues.planCompliance.name]: 'compliance',
  [queues.planBom.name]: 'bom',
};

/**
 * Retries a failed job from the dead letters so that its work really runs again: the record it
 * settled as failed (plan stage, agent run, BOM) is reopened to `queued` first — a processor
 * finding its record failed would stop there — then the job is moved back to waiting. Webhook
 * deliveries have no record of their own.
 */
export async function retryFailedJob(db: Db, job: Job, now: Date): Promise<void> {
  const data = (job.data ?? {}) as { planId?: unknown; runId?: unknown; bomId?: unknown };
  const stage = stageOfQueue[job.queueName];
  if (stage && typeof data.planId === 'string') {
    await reopenPlanStage(db, data.planId, stage, now);
  } else if (job.queueName === queues.agentRun.name && typeof data.runId === 'string') {
    await db
      .update(agentRuns)
      .set({ status: 'queued', error: null, finishedAt: null, updatedAt: now })
      .where(and(eq(agentRuns.id, data.runId), eq(agentRuns.status, 'failed')));
  } else if (job.queueName === queues.bomBuild.name && typeof data.bomId === 'string') {
    await db
      .update(boms)
      .set({ status: 'queued', error: null, finishedAt: null, updatedAt: now })
      .where(and(eq(boms.id, data.bomId), eq(boms.status, 'failed')));
  }
  await job.retry('failed');
}
