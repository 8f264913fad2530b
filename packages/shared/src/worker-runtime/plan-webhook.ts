import type { Queue } from 'bullmq';
import { and, asc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { planStages, plans } from '../db/schema/plans.ts';
import { planStatus } from '../plans/stage-store.ts';
import { enqueue, queues, webhookJobId } from '../queues/index.ts';

/**
 * Enqueues the plan's webhook once all its stages are settled (completed, or one failed) and the
 * plan has a callback URL, then records it queued (`plans.webhook_queued_at`). The job id is
 * per plan and event, so whichever stage settles last, and however often it is retried, one
 * delivery per event is queued.
 */
export async function enqueuePlanWebhookIfSettled(
  db: Db,
  webhookQueue: Queue,
  planId: string,
  requestId?: string,
): Promise<void> {
  await queueWebhookIfSettled(db, webhookQueue, planId, requestId);
}

/** enqueuePlanWebhookIfSettled, telling whether the plan was settled with a callback. */
async function queueWebhookIfSettled(
  db: Db,
  webhookQueue: Queue,
  planId: string,
  requestId?: string,
): Promise<boolean> {
  const rows = await db
    .select({ organisationId: plans.organisationId, callbackUrl: plans.callbackUrl })
    .from(plans)
    .where(eq(plans.id, planId));
  const plan = rows[0];
  if (!plan?.callbackUrl) return false;
  const stages = await db
    .select({ status: planStages.status, progress: planStages.progress })
    .from(planStages)
    .where(eq(planStages.planId, planId));
  const { status } = planStatus(stages);
  if (status !== 'completed' && status !== 'failed') return false;
  const event = status === 'completed' ? 'plan.completed' : 'plan.failed';
  await enqueue(
    webhookQueue,
    queues.webhook,
    {
      organisationId: plan.organisationId,
      event,
      resourceId: planId,
      url: plan.callbackUrl,
      ...(requestId ? { requestId } : {}),
    },
    { jobId: webhookJobId(planId, event) },
  );
  await db
    .update(plans)
    .set({ webhookQueuedAt: sql`now()` })
    .where(and(eq(plans.id, planId), isNull(plans.webhookQueuedAt)));
  return true;
}

/**
 * The reconciler's pass over plan webhooks: a plan with a callback URL, settled (its last change
 * older than `before`) and without a queued webhook — its worker died, or Redis failed, between
 * the stage's commit and the enqueue — gets it queued now. Returns how many were queued.
 */
export async function reconcilePlanWebhooks(opts: {
  db: Db;
  webhookQueue: Queue;
  before: Date;
  limit?: number;
}): Promise<number> {
  const { db } = opts;
  const candidates = await db
    .select({ id: plans.id })
    .from(plans)
    .where(
      and(
        isNotNull(plans.callbackUrl),
        isNull(plans.webhookQueuedAt),
        lt(plans.updatedAt, opts.before),
        // Settled as planStatus says: one stage failed, or none left unfinished.
        sql`(exists (select 1 from ${planStages} s where s.plan_id = ${plans.id} and s.status = 'failed')
          or not exists (select 1 from ${planStages} s where s.plan_id = ${plans.id} and s.status <> 'completed'))`,
      ),
    )
    .orderBy(asc(plans.updatedAt))
    .limit(opts.limit ?? 500);
  let queued = 0;
  for (const { id } of candidates) {
    if (await queueWebhookIfSettled(db, opts.webhookQueue, id)) queued++;
  }
  return queued;
}
