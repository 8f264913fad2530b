import {
  hashApiKey,
  hasScope,
  isPlausibleApiKey,
  type ResolvedKey,
  resolveApiKey,
  type Scope,
  touchApiKey,
} from '@saeq/shared/auth';
import { AppError } from '@saeq/shared/errors';
import { createMiddleware } from 'hono/factory';
import type { GatewayDeps, GatewayEnvBindings } from '../deps.ts';

/** Reads the key from `Authorization: Bearer <key>`, or HTTP Basic's password (browsers, Bull Board). */
export function presentedKey(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value] = header.split(' ', 2);
  if (!scheme || !value) return null;
  if (scheme.toLowerCase() === 'bearer') return value.trim();
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : null;
  }
  return null;
}

const TOUCH_INTERVAL_MS = 60_000;
/**
 * Resolved keys are cached per process for this long (by hash, never the clear key): the key
 * lookup would otherwise be a Postgres round trip on every request. A revocation through this
 * gateway evicts at once; other replicas notice within this TTL.
 */
const KEY_CACHE_TTL_MS = 30_000;
const KEY_CACHE_MAX = 10_000;
const keyCache = new Map<string, { key: ResolvedKey; expires: number }>();

export function evictCachedKey(keyId: string): void {
  for (const [hash, entry] of keyCache) if (entry.key.id === keyId) keyCache.delete(hash);
}

/** Forgets the organisation's resolved keys (their rate-limit overrides changed). */
export function evictOrganisationKeys(organisationId: string): void {
  for (const [hash, entry] of keyCache)
    if (entry.key.organisationId === organisationId) keyCache.delete(hash);
}

/** The key from this process's cache, or from Postgres (`beforeLookup` runs first, e.g. a limit). */
async function resolveCached(
  deps: GatewayDeps,
  presented: string,
  beforeLookup: () => Promise<void>,
): Promise<ResolvedKey | null> {
  const hash = hashApiKey(presented);
  const now = Date.now();
  const hit = keyCache.get(hash);
  if (hit && hit.expires > now) return hit.key;
  await beforeLookup();
  if (!isPlausibleApiKey(presented)) return null;
  const resolved = await resolveApiKey(deps.db.db, presented);
  if (resolved) {
    if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear();
    keyCache.set(hash, { key: resolved, expires: now + KEY_CACHE_TTL_MS });
  } else {
    keyCache.delete(hash);
  }
  return resolved;
}

/** Authenticates the request's API key; 401 with `WWW-Authenticate` otherwise. */
export function requireAuth(deps: GatewayDeps, opts: { basicRealm?: string } = {}) {
  const lastTouched = new Map<string, number>();
  const challenge = opts.basicRealm ? `Basic realm="${opts.basicRealm}"` : 'Bearer realm="saeq"';
  return createMiddleware<GatewayEnvBindings>(async (c, next) => {
    const key = presentedKey(c.req.header('authorization'));
    // An address over its budget of failed keys is refused before any Postgres lookup, so a
    // flood of bad keys costs Redis reads only; cached (valid) keys skip the check.
    const refuseFlood = async () => {
      await deps.rateLimits?.refuseIfExhausted(c, 'anonymous', c.get('clientIp'));
    };
    const resolved = await resolveCached(deps, key ?? '', refuseFlood);
    if (!resolved) {
      // Failed or missing keys are limited per client IP: guessing keys gets slow quickly.
      await deps.rateLimits?.consume(c, 'anonymous', c.get('clientIp'));
      throw new AppError('unauthenticated', { headers: { 'WWW-Authenticate': challenge } });
    }
    c.set('auth', resolved);
    // lastUsedAt is informative: write it at most once a minute per key, off the request path.
    const now = deps.now();
    if ((lastTouched.get(resolved.id) ?? 0) < now.getTime() - TOUCH_INTERVAL_MS) {
      lastTouched.set(resolved.id, now.getTime());
      touchApiKey(deps.db.db, resolved.id, now).catch(() => {});
    }
    await next();
  });
}

export function requireScope(scope: Scope) {
  return createMiddleware<GatewayEnvBindings>(async (c, next) => {
    if (!hasScope(c.get('auth').scopes, scope)) throw new AppError('forbidden');
    await next();
  });
}
