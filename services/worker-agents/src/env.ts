import { BaseEnv, parseEnv } from '@saeq/shared/env';
import { z } from 'zod';

export const WorkerAgentsEnv = BaseEnv.extend({
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9102),
  METRICS_HOST: z.string().default('0.0.0.0'),
  AGENT_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** Unset → offline mode: runs complete and say plainly that the language model is not configured. */
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  ANTHROPIC_MODEL: z.string().min(1).default('claude-sonnet-4-6'),
  ANTHROPIC_MAX_TOKENS: z.coerce.number().int().min(64).max(64_000).default(2048),
  ANTHROPIC_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(30_000),
  WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
});
export type WorkerAgentsEnv = z.infer<typeof WorkerAgentsEnv>;

export function loadWorkerAgentsEnv(
  source: Record<string, string | undefined> = process.env,
): WorkerAgentsEnv {
  return parseEnv(WorkerAgentsEnv, source);
}
