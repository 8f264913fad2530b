import { BaseEnv, booleanString, parseEnv } from '@saeq/shared/env';
import { z } from 'zod';

export const GatewayEnv = BaseEnv.extend({
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public base URL used in Location headers and links (default: derived from the request). */
  PUBLIC_URL: z.string().url().optional(),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(50),
  /** Makes sure an admin key with this value exists at start (first set-up, CI). */
  BOOTSTRAP_API_KEY: z.string().min(16).optional(),
  BOOTSTRAP_ORG: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
    .default('default'),
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  TRUST_PROXY: booleanString.default(false),
  ENABLE_BULL_BOARD: booleanString.default(true),
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
  /** Server timeouts against slow clients (ms). */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).default(15_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(300_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(5_000),
});
export type GatewayEnv = z.infer<typeof GatewayEnv>;

export function loadGatewayEnv(source: Record<string, string | undefined> = process.env): GatewayEnv {
  return parseEnv(GatewayEnv, source);
}
