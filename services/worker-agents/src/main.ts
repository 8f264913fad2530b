import { createDb } from '@saeq/shared/db';
import { createLogger } from '@saeq/shared/logger';
import { createMetrics } from '@saeq/shared/metrics';
import { queues } from '@saeq/shared/queues';
import { closeOnSignals, startWorkerService } from '@saeq/shared/worker-runtime';
import { loadWorkerAgentsEnv } from './env.ts';
import { agentRunProcessor } from './jobs/agent-run.processor.ts';
import { createLlm } from './llm/anthropic-client.ts';

const env = loadWorkerAgentsEnv();
const logger = createLogger({
  service: 'worker-agents',
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
const metrics = createMetrics('worker-agents');
const llm = env.ANTHROPIC_API_KEY
  ? createLlm({
      apiKey: env.ANTHROPIC_API_KEY,
      baseURL: env.ANTHROPIC_BASE_URL,
      model: env.ANTHROPIC_MODEL,
      maxTokens: env.ANTHROPIC_MAX_TOKENS,
      timeoutMs: env.ANTHROPIC_TIMEOUT_MS,
    })
  : null;
if (!llm) logger.warn('ANTHROPIC_API_KEY is not set: agent runs complete in offline mode');

const service = await startWorkerService({
  service: 'worker-agents',
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
      def: queues.agentRun,
      concurrency: env.AGENT_CONCURRENCY,
      process: agentRunProcessor({ db: db.db, metrics, llm, now: () => new Date() }),
    },
  ],
});
closeOnSignals(service, logger);
