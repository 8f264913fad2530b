import { BaseEnv } from '@saeq/shared/env';
import { z } from 'zod';

/** `pnpm start`'s own variables, on top of those every service reads. */
export const StartEnv = BaseEnv.extend({
  /** Address of the gateway and the workers' metrics: this machine only unless set (HOST=0.0.0.0 exposes them). */
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BOOTSTRAP_API_KEY: z.string().min(16).optional(),
  BOOTSTRAP_ORG: z.string().default('default'),
  /** Port of the embedded database's Postgres-protocol socket (PGlite mode only). */
  PGLITE_PORT: z.coerce.number().int().min(0).max(65535).default(0),
});
export type StartEnv = z.infer<typeof StartEnv>;

/** Every interface: reachable from other machines. */
export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** Where this machine reaches a server bound to `host` (a wildcard is reached on loopback). */
export function localAddress(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
