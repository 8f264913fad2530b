import { openMigratedDatabase } from '@saeq/shared/db';
import type { Logger } from '@saeq/shared/logger';
import { createMetrics } from '@saeq/shared/metrics';
import { openQueue, queues } from '@saeq/shared/queues';
import { createRedis } from '@saeq/shared/redis';
import { openBlobStore } from '@saeq/shared/storage';
import {
  enqueuePlanWebhookIfSettled,
  planStageRecovery,
  startWorkerService,
  type WorkerService,
  workerRuntimeOptions,
} from '@saeq/shared/worker-runtime';
import { AnalysisPool } from './analysis/analysis-pool.ts';
import { shutdownGraceMs, type WorkerPdfEnv } from './env.ts';
import { planAnalysisProcessor } from './jobs/plan-analysis.processor.ts';

/**
 * Connects and starts worker-pdf (plan analysis) from its configuration; main.ts runs it once
 * tracing has started.
 */
export async function startWorkerPdf(env: WorkerPdfEnv, logger: Logger<'http'>): Promise<WorkerService> {
  const db = await openMigratedDatabase(env, logger);
  const metrics = createMetrics('worker-pdf');
  const producer = createRedis(env.REDIS_URL, 'worker');
  const pool = new AnalysisPool(env.PDF_CONCURRENCY, {
    timeoutMs: env.PDF_JOB_TIMEOUT_MS,
    maxMemoryMb: env.PDF_JOB_MAX_MEMORY_MB,
    maxStreamMb: env.PDF_MAX_STREAM_MB,
    maxRssMb: env.PDF_MAX_RSS_MB,
    maxPages: env.PDF_MAX_PAGES,
    previewPages: env.PDF_PREVIEW_PAGES,
    ocrMaxPages: env.PDF_OCR_MAX_PAGES,
    ocrDpi: env.PDF_OCR_DPI,
    ocrWorkers: env.PDF_OCR_WORKERS,
  });
  pool.warm();
  const complianceQueue = openQueue(queues.planCompliance, producer, env.QUEUE_PREFIX);
  const bomQueue = openQueue(queues.planBom, producer, env.QUEUE_PREFIX);
  const webhookQueue = openQueue(queues.webhook, producer, env.QUEUE_PREFIX);
  const store = await openBlobStore(env);

  return startWorkerService({
    service: 'worker-pdf',
    ...workerRuntimeOptions({ ...env, WORKER_SHUTDOWN_TIMEOUT_MS: shutdownGraceMs(env) }),
    db,
    logger,
    metrics,
    processors: [
      {
        def: queues.planAnalysis,
        concurrency: env.PDF_CONCURRENCY,
        ...planStageRecovery({ db: db.db, stage: 'analysis', webhookQueue, metrics, now: () => new Date() }),
        process: planAnalysisProcessor({
          db: db.db,
          store,
          metrics,
          pool,
          complianceQueue,
          bomQueue,
          onPlanSettled: (planId, requestId) =>
            enqueuePlanWebhookIfSettled(db.db, webhookQueue, planId, requestId),
          now: () => new Date(),
        }),
      },
    ],
    onClose: async () => {
      await Promise.all([complianceQueue.close(), bomQueue.close(), webhookQueue.close(), pool.close()]);
      producer.disconnect();
    },
  });
}
