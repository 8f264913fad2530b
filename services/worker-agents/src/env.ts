import { BaseEnv, parseEnv } from '@saeq/shared/env';
import { z } from 'zod';
import { defaultPriceTable, PriceTable } from './llm/prices.ts';

/** `LLM_PRICES_JSON`: a JSON price table replacing the default one (see llm/prices.ts). */
const PriceTableJson = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'LLM_PRICES_JSON is not valid JSON' });
      return z.NEVER;
    }
  })
  .pipe(PriceTable);

export const WorkerAgentsEnv = BaseEnv.extend({
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9102),
  METRICS_HOST: z.string().default('0.0.0.0'),
  /** Postgres connections of this process: AGENT_CONCURRENCY runs (8) hold one only while a tool queries (docs/scaling.md). */
  DATABASE_POOL_MAX: z.coerce.number().int().positive().max(200).default(8),
  /** Agent runs processed at once by one worker process. */
  AGENT_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /**
   * BullMQ limiter on the agent-run queue, shared by every worker: runs started per minute
   * (each run makes up to AGENT_MAX_STEPS model requests). 0 turns the limiter off.
   */
  AGENT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(60),
  /** Model requests per run (one request = one step of the tool-use loop). */
  AGENT_MAX_STEPS: z.coerce.number().int().min(1).max(100).default(8),
  /** Tokens per run (input + output + cache read + cache write, summed over the steps). */
  AGENT_TOKEN_BUDGET: z.coerce.number().int().min(1).default(200_000),
  /** Wall-clock time a run may spend working (waiting in the queue is not counted). */
  AGENT_TIME_LIMIT_MS: z.coerce.number().int().min(100).default(180_000),
  /** How many times a run waits for a provider's retry-after (429/529) before counting as an error. */
  AGENT_MAX_RATE_LIMIT_DELAYS: z.coerce.number().int().min(0).max(1000).default(20),
  /** Earlier turns of a conversation (`conversationId`) sent with a run. */
  AGENT_HISTORY_TURNS: z.coerce.number().int().min(0).max(200).default(20),
  /** Labour rate of `bom_generate` when the organisation sets none: 95,00 $/h, as worker-bom. */
  DEFAULT_LABOUR_RATE_CENTS: z.coerce.number().int().min(0).max(100_000).default(9500),
  /** Unset → offline mode: a deterministic intent parser answers the requests it recognises. */
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  ANTHROPIC_MODEL: z.string().min(1).default('claude-sonnet-4-6'),
  ANTHROPIC_MAX_TOKENS: z.coerce.number().int().min(64).max(64_000).default(2048),
  /** Per request (one step); the SDK's own retries are off, the queue retries. */
  ANTHROPIC_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  /** Price table (USD per million tokens, by model prefix) for the cost estimate. */
  LLM_PRICES_JSON: PriceTableJson.default(defaultPriceTable),
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(30_000),
  /**
   * Grace on SIGTERM: runs stop at their next step boundary and go back to the queue with their
   * checkpoint; a model request still in flight 5 s before the end is aborted and handed over.
   */
  WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(25_000),
  /** How often each worker reconciles its queues with Postgres: unsettled records without a live job are queued again (or failed); 0 turns it off. */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
});
export type WorkerAgentsEnv = z.infer<typeof WorkerAgentsEnv>;

export function loadWorkerAgentsEnv(
  source: Record<string, string | undefined> = process.env,
): WorkerAgentsEnv {
  return parseEnv(WorkerAgentsEnv, source);
}
