import { BaseEnv, booleanString, parseEnv } from '@saeq/shared/env';
import { z } from 'zod';

/** "100/900" → 100 requests per 900 s. */
const rateSpec = z
  .string()
  .regex(/^\d+\/\d+$/, 'expected "points/seconds", e.g. 100/900')
  .transform((v) => {
    const [points, seconds] = v.split('/').map(Number);
    return { points: points ?? 0, seconds: seconds ?? 1 };
  })
  .or(z.object({ points: z.number().int().positive(), seconds: z.number().int().positive() }));
export type RateSpec = { points: number; seconds: number };

export const GatewayEnv = BaseEnv.extend({
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Prometheus /metrics (and /health) on a port of its own, never on PORT. Unset: not served, so
  // that several gateways on one host (tests, benches) do not collide; pnpm start and the image
  // set 9100. Described, like the workers', in .env.example.
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().default('0.0.0.0'),
  /**
   * Gateway processes on this host sharing PORT (node:cluster): 1 = this process serves. Above 1
   * needs DATABASE_URL (or pnpm start's embedded database); only the first process serves
   * METRICS_PORT, with the sum of every process's metrics. Around the number of cores the gateway may use.
   */
  GATEWAY_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  /** Set by the cluster's primary on each process it forks (0 = the one serving metrics); not for users. */
  GATEWAY_PROCESS_INDEX: z.coerce.number().int().min(0).optional(),
  /** Public base URL used in Location headers and links (default: derived from the request). */
  PUBLIC_URL: z.string().url().optional(),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(50),
  /** Uploads (plans, catalogues) one gateway process reads at once; more are refused with 503 and Retry-After. */
  MAX_CONCURRENT_UPLOADS: z.coerce.number().int().min(1).max(1000).default(8),
  /** Makes sure a key with this value exists at start (first set-up, CI): admin of the `default` organisation and operator of the deployment. */
  BOOTSTRAP_API_KEY: z.string().min(16).optional(),
  BOOTSTRAP_ORG: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
    .default('default'),
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  TRUST_PROXY: booleanString.default(false),
  /**
   * With TRUST_PROXY: how many proxies in front of the gateway append to X-Forwarded-For (the
   * shipped nginx: 1). The client is that many hops from the right; hops further left are
   * written by the client and never trusted.
   */
  TRUSTED_PROXY_COUNT: z.coerce.number().int().min(1).max(10).default(1),
  /** Bull Board at /admin/queues, for keys with the platform's `operator` scope only. */
  ENABLE_BULL_BOARD: booleanString.default(true),
  /** Only its presence is reported by /health/detailed (the gateway never calls the model). */
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  /** Days an estimate PDF (`?format=pdf` on the BOM routes) says its prices hold. */
  ESTIMATE_VALIDITY_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** TLS is terminated by a trusted proxy: send HSTS. */
  TRUST_PROXY_TLS: booleanString.default(false),
  /** Comma-separated origins allowed by CORS (browsers); empty → no cross-origin access. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o.length > 0),
    ),
  /** Rate limits as "points/seconds", shared by every gateway replica through Redis. */
  RATE_LIMITS_ENABLED: booleanString.default(true),
  /** Every /v1 write (POST, PUT, PATCH, DELETE) per key. */
  RATE_LIMIT_GENERAL: rateSpec.default({ points: 100, seconds: 900 }),
  /** Every /v1 read (GET, HEAD) per key: a budget of its own, so following progress never uses up the writes. */
  RATE_LIMIT_READS: rateSpec.default({ points: 1800, seconds: 900 }),
  RATE_LIMIT_AGENT_RUNS: rateSpec.default({ points: 30, seconds: 60 }),
  RATE_LIMIT_UPLOADS: rateSpec.default({ points: 20, seconds: 3600 }),
  /** Requests without a valid key, per client IP (slows key guessing). */
  RATE_LIMIT_ANONYMOUS: rateSpec.default({ points: 60, seconds: 60 }),
  /** Server timeouts against slow clients (ms). */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).default(15_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(300_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(5_000),
  /**
   * After SIGTERM, requests are still served (each closing its connection) this long before new
   * ones are refused with 503: what a load balancer needs to see readiness fail. Raise it to the
   * readiness probe's period behind Kubernetes.
   */
  DRAIN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(1_000),
  /** Then in-flight requests get this long to finish before they are cut; keep it under the orchestrator's kill delay (Kubernetes: 30 s). */
  DRAIN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(25_000),
});
export type GatewayEnv = z.infer<typeof GatewayEnv>;

export function loadGatewayEnv(source: Record<string, string | undefined> = process.env): GatewayEnv {
  return parseEnv(GatewayEnv, source);
}
