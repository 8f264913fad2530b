import { BaseEnv, parseEnv } from '@saeq/shared/env';
import { z } from 'zod';

export const WorkerBomEnv = BaseEnv.extend({
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9103),
  METRICS_HOST: z.string().default('0.0.0.0'),
  /** Postgres connections of this process: its jobs (compliance, BOM, comparisons, webhooks) hold one only while they query, plus the reconciler and the sweeps (docs/scaling.md). */
  DATABASE_POOL_MAX: z.coerce.number().int().positive().max(200).default(8),
  BOM_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Labour rate when neither the request nor the organisation sets one: 95,00 $/h (indicative). */
  DEFAULT_LABOUR_RATE_CENTS: z.coerce.number().int().min(0).max(100_000).default(9500),
  /** Hosts or addresses webhooks may reach although private/loopback (comma-separated). */
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim())
        .filter((h) => h.length > 0),
    ),
  /** Bounds a whole delivery attempt: DNS, connection, request, the answer and its body. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  COMPLIANCE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Plan comparisons (revision compare) at once per worker-bom process: CPU-bound, two BOMs each. */
  COMPARISON_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Grace for running jobs on SIGTERM; with cleanup the process exits within 30 s. */
  WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(25_000),
  /** How often each worker reconciles its queues with Postgres: unsettled records without a live job are queued again (or failed); 0 turns it off. */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
});
export type WorkerBomEnv = z.infer<typeof WorkerBomEnv>;

export function loadWorkerBomEnv(source: Record<string, string | undefined> = process.env): WorkerBomEnv {
  return parseEnv(WorkerBomEnv, source);
}
