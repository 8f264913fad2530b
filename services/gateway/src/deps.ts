import type { ResolvedKey } from '@saeq/shared/auth';
import type { DbHandle } from '@saeq/shared/db';
import type { Lang } from '@saeq/shared/i18n';
import type { Logger } from '@saeq/shared/logger';
import type { Metrics } from '@saeq/shared/metrics';
import type { QueueKey } from '@saeq/shared/queues';
import type { RedisClient } from '@saeq/shared/redis';
import type { BlobStore } from '@saeq/shared/storage';
import type { FlowProducer, Queue } from 'bullmq';
import type { GatewayEnv } from './env.ts';
import type { Drain } from './middleware/drain.ts';
import type { LimitName, RateLimits } from './middleware/rate-limit.ts';

/** Everything the gateway talks to, built once in main.ts (or by a test) and passed in. */
export type GatewayDeps = {
  env: GatewayEnv;
  db: DbHandle;
  redis: RedisClient;
  queues: Record<QueueKey, Queue>;
  /** Adds an orchestration's agent runs as one BullMQ flow (use-cases/agent-orchestrations.ts). */
  flows: FlowProducer;
  store: BlobStore;
  logger: Logger<'http'>;
  metrics: Metrics;
  now: () => Date;
  /** null when rate limiting is disabled. */
  rateLimits: RateLimits | null;
  /** Set on SIGTERM: new requests are refused, readiness fails, event streams end. */
  drain: Drain;
};

/** Per-request values set by middleware (Hono context variables). */
export type GatewayVariables = {
  requestId: string;
  lang: Lang;
  auth: ResolvedKey;
  log: Logger<'http'>;
  clientIp: string;
  /** The limits `requestLimits` already drew for this request (route middlewares skip them). */
  limitsDrawn?: LimitName[];
};

export type GatewayEnvBindings = { Variables: GatewayVariables };
