import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BaseEnv, parseEnv } from '../env/index.ts';
import { workerRuntimeOptions } from './runtime-options.ts';

// A worker env as the services declare theirs (services/*/src/env.ts).
const WorkerEnv = BaseEnv.extend({
  METRICS_PORT: z.coerce.number().int().default(9199),
  METRICS_HOST: z.string().default('0.0.0.0'),
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().default(30_000),
  WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().default(25_000),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().default(60_000),
});

describe('workerRuntimeOptions', () => {
  it('maps each worker setting to its startWorkerService option', () => {
    const env = parseEnv(WorkerEnv, {
      REDIS_URL: 'redis://redis.internal:6380',
      QUEUE_PREFIX: 'staging',
      METRICS_PORT: '9300',
      METRICS_HOST: '127.0.0.1',
      WORKER_LOCK_DURATION_MS: '45000',
      WORKER_SHUTDOWN_TIMEOUT_MS: '12000',
      RECONCILE_INTERVAL_MS: '0',
    });
    expect(workerRuntimeOptions(env)).toEqual({
      redisUrl: 'redis://redis.internal:6380',
      prefix: 'staging',
      metricsPort: 9300,
      metricsHost: '127.0.0.1',
      lockDurationMs: 45_000,
      shutdownTimeoutMs: 12_000,
      reconcileIntervalMs: 0,
    });
  });

  it('passes on the cluster form of the Redis URL and queue prefix that parseEnv derives', () => {
    const env = parseEnv(WorkerEnv, { REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2:7000' });
    const options = workerRuntimeOptions(env);
    expect(options.redisUrl.startsWith('redis+cluster://')).toBe(true);
    expect(options.prefix).toBe('{saeq}');
  });
});
