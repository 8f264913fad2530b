import type { Queue } from 'bullmq';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { type PlanStageName, planStages, plans, type StageError } from '../db/schema/plans.ts';
import type { Metrics } from '../metrics/index.ts';
import { failStage } from '../plans/stage-store.ts';
import { stageJobId } from '../queues/index.ts';
import { enqueuePlanWebhookIfSettled } from './plan-webhook.ts';
import type { ReconcileSource, UnsettledRecord } from './reconciler.ts';

/**
 * What a plan stage's queue needs besides its processor: settling a job BullMQ failed outside
 * the processor (stalled limit), and finding the stages Postgres shows unsettled for the
 * reconciler. Compliance and BOM only count once the analysis is completed (they are queued by
 * it), and from that moment.
 */
export function planStageRecovery(opts: {
  db: Db;
  stage: PlanStageName;
  webhookQueue: Queue;
  now: () => Date;
  metrics?: Pick<Metrics, 'plansProcessed'>;
}): {
  settleFailure: (data: unknown, error: StageError) => Promise<void>;
  reconcile: ReconcileSource;
} {
  const { db, stage } = opts;
  const analysis = alias(planStages, 'analysis');
  return {
    settleFailure: async (data, error) => {
      const planId = planIdOf(data);
      if (!planId) return;
      const requestId = (data as { requestId?: unknown }).requestId;
      await failStage(db, planId, stage, error, opts.now());
      opts.metrics?.plansProcessed.inc({ stage, status: 'failed' });
      await enqueuePlanWebhookIfSettled(
        db,
        opts.webhookQueue,
        planId,
        typeof requestId === 'string' ? requestId : undefined,
      );
    },
    reconcile: {
      listUnsettled: async (before, limit) => {
        const unsettled = inArray(planStages.status, ['queued', 'processing']);
        const stagesWithPlan = () =>
          db
            .select({
              planId: planStages.planId,
              organisationId: plans.organisationId,
              sha256: plans.sha256,
              edition: plans.edition,
            })
            .from(planStages)
            .innerJoin(plans, eq(plans.id, planStages.planId));
        const rows =
          stage === 'analysis'
            ? await stagesWithPlan()
                .where(and(eq(planStages.stage, stage), unsettled, lt(planStages.updatedAt, before)))
                .orderBy(planStages.updatedAt)
                .limit(limit)
            : await stagesWithPlan()
                .innerJoin(
                  analysis,
                  and(
                    eq(analysis.planId, planStages.planId),
                    eq(analysis.stage, 'analysis'),
                    eq(analysis.status, 'completed'),
                  ),
                )
                .where(
                  and(
                    eq(planStages.stage, stage),
                    unsettled,
                    // The stage's own clock starts when the analysis queued it.
                    sql`greatest(${planStages.updatedAt}, coalesce(${analysis.finishedAt}, ${analysis.updatedAt})) < ${before.toISOString()}::timestamptz`,
                  ),
                )
                .orderBy(planStages.updatedAt)
                .limit(limit);
        return rows.map((r): UnsettledRecord => {
          const base = { planId: r.planId, organisationId: r.organisationId };
          const payload =
            stage === 'analysis'
              ? { ...base, fileSha256: r.sha256, edition: r.edition }
              : stage === 'compliance'
                ? { ...base, edition: r.edition }
                : base;
          return { jobId: stageJobId(r.planId, stage), payload };
        });
      },
      isUnsettled: async (record) => {
        const planId = planIdOf(record.payload);
        if (!planId) return false;
        const rows = await db
          .select({ status: planStages.status })
          .from(planStages)
          .where(and(eq(planStages.planId, planId), eq(planStages.stage, stage)));
        const status = rows[0]?.status;
        return status === 'queued' || status === 'processing';
      },
    },
  };
}

function planIdOf(data: unknown): string | null {
  const planId = data && typeof data === 'object' ? (data as { planId?: unknown }).planId : undefined;
  return typeof planId === 'string' ? planId : null;
}
