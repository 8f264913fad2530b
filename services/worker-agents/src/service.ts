import { openMigratedDatabase } from '@saeq/shared/db';
import type { Logger } from '@saeq/shared/logger';
import { createMetrics } from '@saeq/shared/metrics';
import { queues } from '@saeq/shared/queues';
import { createRedis } from '@saeq/shared/redis';
import { queueTelemetry } from '@saeq/shared/telemetry';
import { startWorkerService, type WorkerService, workerRuntimeOptions } from '@saeq/shared/worker-runtime';
import { FlowProducer } from 'bullmq';
import type { WorkerAgentsEnv } from './env.ts';
import { agentRunProcessor } from './jobs/agent-run.processor.ts';
import { agentRunRecovery } from './jobs/agent-run.recovery.ts';
import { createLlm } from './llm/anthropic-client.ts';

/**
 * Connects and starts the agents worker from its configuration: database (migrated), the
 * model client (none → offline mode), a Redis connection that announces run events, and the
 * BullMQ worker of the agent-run queue with its limiter. main.ts runs it; tests run it in-process.
 */
export async function startAgentsService(
  env: WorkerAgentsEnv,
  logger: Logger<'http'>,
): Promise<WorkerService> {
  const db = await openMigratedDatabase(env, logger);
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
  if (!llm) logger.warn('ANTHROPIC_API_KEY is not set: agent runs are answered in offline mode');

  // Publishes run events for the gateway's SSE endpoint; failing fast is right (events are
  // also in Postgres, where SSE clients find them on their next poll).
  const publisher = createRedis(env.REDIS_URL, 'producer');
  publisher.on('error', (err) => logger.warn({ err: err.message }, 'redis (event publisher) error'));
  // The reconciler adds a lost orchestration's flow again (runs/orchestration-flow.ts).
  const flowConnection = createRedis(env.REDIS_URL, 'producer');
  flowConnection.on('error', () => {});
  const flows = new FlowProducer({
    connection: flowConnection,
    prefix: env.QUEUE_PREFIX,
    ...queueTelemetry(),
  });
  flows.on('error', (err) => logger.warn({ err: err.message }, 'redis (flow producer) error'));

  return startWorkerService({
    service: 'worker-agents',
    ...workerRuntimeOptions(env),
    db,
    logger,
    metrics,
    onClose: async () => {
      await flows.close().catch(() => {});
      flowConnection.disconnect();
      publisher.disconnect();
    },
    processors: [
      {
        def: queues.agentRun,
        concurrency: env.AGENT_CONCURRENCY,
        ...(env.AGENT_RATE_LIMIT_PER_MINUTE > 0
          ? { limiter: { max: env.AGENT_RATE_LIMIT_PER_MINUTE, duration: 60_000 } }
          : {}),
        ...agentRunRecovery({
          db: db.db,
          metrics,
          now: () => new Date(),
          queuePrefix: env.QUEUE_PREFIX,
          publisher,
          log: logger,
          flows,
        }),
        process: agentRunProcessor({
          db: db.db,
          metrics,
          llm,
          now: () => new Date(),
          queuePrefix: env.QUEUE_PREFIX,
          publisher,
          limits: {
            maxSteps: env.AGENT_MAX_STEPS,
            tokenBudget: env.AGENT_TOKEN_BUDGET,
            timeLimitMs: env.AGENT_TIME_LIMIT_MS,
          },
          maxRateLimitDelays: env.AGENT_MAX_RATE_LIMIT_DELAYS,
          historyTurns: env.AGENT_HISTORY_TURNS,
          prices: env.LLM_PRICES_JSON,
          defaultLabourRateCents: env.DEFAULT_LABOUR_RATE_CENTS,
        }),
      },
    ],
  });
}
