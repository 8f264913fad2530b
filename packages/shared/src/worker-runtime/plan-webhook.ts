import type { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { planStages, plans } from '../db/schema/plans.ts';
import { planStatus } from '../plans/stage-store.ts';
import { enqueue, queues, stageJobId } from '../queues/index.ts';

/**
 * Enqueues the plan's webhook once all its stages are settled (completed, or one failed) and the
 * plan has a callback URL. The job id is per plan, so whichever stage settles last, and however
 * often it is retried, one delivery is queued.
 */
export async function enqueuePlanWebhookIfSettled(
  db: Db,
  webhookQueue: Queue,
  planId: string,
  requestId?: string,
): Promise<void> {
  const rows = await db
    .select({ organisationId: plans.organisationId, callbackUrl: plans.callbackUrl })
    .from(plans)
    .where(eq(plans.id, planId));
  const plan = rows[0];
  if (!plan?.callbackUrl) return;
  const stages = await db
    .select({ status: planStages.status, progress: planStages.progress })
    .from(planStages)
    .where(eq(planStages.planId, planId));
  const { status } = planStatus(stages);
  if (status !== 'completed' && status !== 'failed') return;
  await enqueue(
    webhookQueue,
    queues.webhook,
    {
      organisationId: plan.organisationId,
      event: status === 'completed' ? 'plan.completed' : 'plan.failed',
      resourceId: planId,
      url: plan.callbackUrl,
      ...(requestId ? { requestId } : {}),
    },
    { jobId: stageJobId(planId, 'webhook') },
  );
}
