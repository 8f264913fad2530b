import type { BaseEnv } from '../env/index.ts';
import type { WorkerServiceOptions } from './worker-service.ts';

/** The settings every worker service reads the same way (each service's env.ts declares them with its own defaults). */
export type WorkerRuntimeEnv = Pick<BaseEnv, 'REDIS_URL' | 'QUEUE_PREFIX'> & {
  METRICS_PORT: number;
  METRICS_HOST: string;
  WORKER_LOCK_DURATION_MS: number;
  WORKER_SHUTDOWN_TIMEOUT_MS: number;
  RECONCILE_INTERVAL_MS: number;
};

export type WorkerRuntimeOptions = Pick<
  WorkerServiceOptions,
  | 'redisUrl'
  | 'prefix'
  | 'metricsPort'
  | 'metricsHost'
  | 'lockDurationMs'
  | 'shutdownTimeoutMs'
  | 'reconcileIntervalMs'
>;

/**
 * The part of `startWorkerService`'s options that comes straight from the environment, so the
 * three workers cannot drift apart in how they read it (each used to copy the same seven lines).
 */
export function workerRuntimeOptions(env: WorkerRuntimeEnv): WorkerRuntimeOptions {
  return {
    redisUrl: env.REDIS_URL,
    prefix: env.QUEUE_PREFIX,
    metricsPort: env.METRICS_PORT,
    metricsHost: env.METRICS_HOST,
    lockDurationMs: env.WORKER_LOCK_DURATION_MS,
    shutdownTimeoutMs: env.WORKER_SHUTDOWN_TIMEOUT_MS,
    reconcileIntervalMs: env.RECONCILE_INTERVAL_MS,
  };
}
