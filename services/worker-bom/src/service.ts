import { openMigratedDatabase } from '@saeq/shared/db';
import type { Logger } from '@saeq/shared/logger';
import { createMetrics } from '@saeq/shared/metrics';
import { enqueue, openQueue, queues, webhookJobId } from '@saeq/shared/queues';
import { createRedis } from '@saeq/shared/redis';
import { openBlobStore } from '@saeq/shared/storage';
import {
  enqueuePlanWebhookIfSettled,
  ORPHAN_BLOB_GRACE_MS,
  planStageRecovery,
  reconcilePlanWebhooks,
  removeOrphanBlobs,
  startWorkerService,
  type WorkerService,
  workerRuntimeOptions,
} from '@saeq/shared/worker-runtime';
import type { WorkerBomEnv } from './env.ts';
import { bomBuildProcessor } from './jobs/bom-build.processor.ts';
import { bomBuildRecovery } from './jobs/bom-build.recovery.ts';
import { planBomProcessor } from './jobs/plan-bom.processor.ts';
import { planComparisonProcessor } from './jobs/plan-comparison.processor.ts';
import { planComparisonRecovery } from './jobs/plan-comparison.recovery.ts';
import { planComplianceProcessor } from './jobs/plan-compliance.processor.ts';
import { webhookProcessor } from './jobs/webhook.processor.ts';

/**
 * Connects and starts worker-bom from its configuration: the post-analysis stages of a plan (its
 * bill of materials and its compliance check), BOM builds, comparisons and webhooks. main.ts
 * runs it once tracing has started.
 */
export async function startWorkerBom(env: WorkerBomEnv, logger: Logger<'http'>): Promise<WorkerService> {
  const db = await openMigratedDatabase(env, logger);
  const metrics = createMetrics('worker-bom');
  const now = () => new Date();
  const store = await openBlobStore(env);
  const producer = createRedis(env.REDIS_URL, 'worker');
  const webhookQueue = openQueue(queues.webhook, producer, env.QUEUE_PREFIX);
  const onPlanSettled = (planId: string, requestId?: string) =>
    enqueuePlanWebhookIfSettled(db.db, webhookQueue, planId, requestId);
  const onBomSettled = async (
    bomId: string,
    organisationId: string,
    callbackUrl: string | null,
    ok: boolean,
  ) => {
    if (!callbackUrl) return;
    const event = ok ? 'bom.completed' : 'bom.failed';
    await enqueue(
      webhookQueue,
      queues.webhook,
      { organisationId, event, resourceId: bomId, url: callbackUrl },
      { jobId: webhookJobId(bomId, event) },
    );
  };
  const bomDeps = {
    db: db.db,
    store,
    metrics,
    defaultLabourRateCents: env.DEFAULT_LABOUR_RATE_CENTS,
    now,
    onBomSettled,
    onPlanSettled,
  };

  return startWorkerService({
    service: 'worker-bom',
    ...workerRuntimeOptions(env),
    db,
    logger,
    metrics,
    processors: [
      {
        def: queues.planBom,
        concurrency: env.BOM_CONCURRENCY,
        process: planBomProcessor(bomDeps),
        ...planStageRecovery({ db: db.db, stage: 'bom', webhookQueue, metrics, now }),
      },
      {
        def: queues.planCompliance,
        concurrency: env.COMPLIANCE_CONCURRENCY,
        process: planComplianceProcessor({ db: db.db, metrics, now, onPlanSettled }),
        ...planStageRecovery({ db: db.db, stage: 'compliance', webhookQueue, metrics, now }),
      },
      {
        def: queues.bomBuild,
        concurrency: env.BOM_CONCURRENCY,
        process: bomBuildProcessor(bomDeps),
        ...bomBuildRecovery({ db: db.db, now, onBomSettled }),
      },
      {
        def: queues.planComparison,
        concurrency: env.COMPARISON_CONCURRENCY,
        process: planComparisonProcessor({
          db: db.db,
          defaultLabourRateCents: env.DEFAULT_LABOUR_RATE_CENTS,
          now,
        }),
        ...planComparisonRecovery({ db: db.db, now }),
      },
      {
        def: queues.webhook,
        concurrency: env.WEBHOOK_CONCURRENCY,
        process: webhookProcessor({
          db: db.db,
          policy: { allowedHosts: env.WEBHOOK_ALLOWED_HOSTS },
          timeoutMs: env.WEBHOOK_TIMEOUT_MS,
          now,
        }),
      },
    ],
    sweeps: [
      {
        name: 'plan-webhooks',
        run: (before) => reconcilePlanWebhooks({ db: db.db, webhookQueue, before }),
      },
      {
        // Files of plans never accepted, renderings written after their plan was deleted.
        name: 'orphan-blobs',
        intervalMs: ORPHAN_BLOB_GRACE_MS,
        run: () =>
          removeOrphanBlobs({ db: db.db, store, before: new Date(Date.now() - ORPHAN_BLOB_GRACE_MS) }),
      },
    ],
    onClose: async () => {
      await webhookQueue.close();
      producer.disconnect();
    },
  });
}
