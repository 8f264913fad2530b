import { createDb } from '@saeq/shared/db';
import { createLogger } from '@saeq/shared/logger';
import { createMetrics } from '@saeq/shared/metrics';
import { queues } from '@saeq/shared/queues';
import { FileBlobStore } from '@saeq/shared/storage';
import { closeOnSignals, startWorkerService } from '@saeq/shared/worker-runtime';
import { loadWorkerBomEnv } from './env.ts';
import { bomBuildProcessor } from './jobs/bom-build.processor.ts';
import { planBomProcessor } from './jobs/plan-bom.processor.ts';
import { planComplianceProcessor } from './jobs/plan-compliance.processor.ts';

// worker-bom runs the post-analysis stages of a plan: its bill of materials and its compliance check.
const env = loadWorkerBomEnv();
const logger = createLogger({
  service: 'worker-bom',
  level: env.LOG_LEVEL,
  pretty: env.LOG_PRETTY ?? env.NODE_ENV === 'development',
  version: env.SERVICE_VERSION,
});
const db = await createDb({
  databaseUrl: env.DATABASE_URL,
  dataDir: env.DATA_DIR,
  poolMax: env.DATABASE_POOL_MAX,
  onPoolError: (err) => logger.warn({ err: err.message }, 'postgres pool error'),
});
await db.migrate();
const metrics = createMetrics('worker-bom');
const now = () => new Date();
const store = new FileBlobStore(env.DATA_DIR);
const bomDeps = { db: db.db, store, metrics, defaultLabourRateCents: env.DEFAULT_LABOUR_RATE_CENTS, now };

const service = await startWorkerService({
  service: 'worker-bom',
  redisUrl: env.REDIS_URL,
  prefix: env.QUEUE_PREFIX,
  db,
  logger,
  metrics,
  metricsPort: env.METRICS_PORT,
  metricsHost: env.METRICS_HOST,
  lockDurationMs: env.WORKER_LOCK_DURATION_MS,
  shutdownTimeoutMs: env.WORKER_SHUTDOWN_TIMEOUT_MS,
  processors: [
    {
      def: queues.planBom,
      concurrency: env.BOM_CONCURRENCY,
      process: planBomProcessor(bomDeps),
    },
    {
      def: queues.planCompliance,
      concurrency: env.COMPLIANCE_CONCURRENCY,
      process: planComplianceProcessor({ db: db.db, metrics, now }),
    },
    { def: queues.bomBuild, concurrency: env.BOM_CONCURRENCY, process: bomBuildProcessor(bomDeps) },
  ],
});
closeOnSignals(service, logger);
