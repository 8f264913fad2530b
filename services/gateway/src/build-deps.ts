import { openDatabase } from '@saeq/shared/db';
import type { Logger } from '@saeq/shared/logger';
import { createMetrics } from '@saeq/shared/metrics';
import { openQueue, type QueueKey, queues } from '@saeq/shared/queues';
import { createRedis } from '@saeq/shared/redis';
import { openBlobStore } from '@saeq/shared/storage';
import { queueTelemetry } from '@saeq/shared/telemetry';
import { FlowProducer, type Queue } from 'bullmq';
import type { GatewayDeps } from './deps.ts';
import type { GatewayEnv } from './env.ts';
import { Drain } from './middleware/drain.ts';
import { RateLimits } from './middleware/rate-limit.ts';

/** Connects everything the gateway needs; `close()` releases it. */
export async function buildGatewayDeps(
  env: GatewayEnv,
  logger: Logger<'http'>,
): Promise<GatewayDeps & { close(): Promise<void> }> {
  const db = await openDatabase(env, logger);
  const redis = createRedis(env.REDIS_URL, 'producer');
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
  const queueMap = Object.fromEntries(
    (Object.keys(queues) as QueueKey[]).map((key) => [key, openQueue(queues[key], redis, env.QUEUE_PREFIX)]),
  ) as Record<QueueKey, Queue>;
  for (const q of Object.values(queueMap))
    q.on('error', (err) => logger.warn({ err: err.message, queue: q.name }, 'queue error'));
  const flows = new FlowProducer({ connection: redis, prefix: env.QUEUE_PREFIX, ...queueTelemetry() });
  flows.on('error', (err) => logger.warn({ err: err.message }, 'flow producer error'));
  return {
    env,
    db,
    redis,
    queues: queueMap,
    flows,
    store: await openBlobStore(env),
    logger,
    metrics: createMetrics('gateway'),
    now: () => new Date(),
    rateLimits: env.RATE_LIMITS_ENABLED
      ? new RateLimits(redis, env.QUEUE_PREFIX, {
          general: env.RATE_LIMIT_GENERAL,
          reads: env.RATE_LIMIT_READS,
          agentRuns: env.RATE_LIMIT_AGENT_RUNS,
          uploads: env.RATE_LIMIT_UPLOADS,
          anonymous: env.RATE_LIMIT_ANONYMOUS,
        })
      : null,
    drain: new Drain(),
    close: async () => {
      await Promise.all(Object.values(queueMap).map((q) => q.close().catch(() => {})));
      await flows.close().catch(() => {});
      redis.disconnect();
      await db.close().catch(() => {});
    },
  };
}
