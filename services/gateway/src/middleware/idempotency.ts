import { createHash } from 'node:crypto';
import { type Db, idempotencyKeys } from '@saeq/shared/db';
import { AppError } from '@saeq/shared/errors';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { GatewayDeps, GatewayEnvBindings } from '../deps.ts';
import { hasStaging, stagedForm, stagedRawBody, stagesRawBody } from './multipart-body.ts';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** How long a kept response is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

/**
 * `Idempotency-Key` on creating POSTs: the same key and body within 24 h returns the original
 * response and creates nothing new; the same key with another body → 422; the same key while the
 * first request is still running → 409. Only successful (2xx) responses are kept: a failed
 * request can be retried with the same key.
 *
 * An in-progress record (no response yet) outlives its request only when the process died
 * mid-request; it expires once older than `HTTP_REQUEST_TIMEOUT_MS`, the longest any request can
 * run, so a crash locks the key for minutes, not 24 h.
 */
export function idempotent(deps: GatewayDeps) {
  return createMiddleware<GatewayEnvBindings>(async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return next();
    if (!KEY_PATTERN.test(key)) {
      throw new AppError('validation_failed', {
        errors: [
          {
            path: 'Idempotency-Key',
            message: '1 à 255 caractères ASCII visibles / 1–255 visible ASCII characters',
          },
        ],
      });
    }
    const db = deps.db.db;
    const organisationId = c.get('auth').organisationId;
    const requestHash = await hashRequest(c);
    const now = deps.now();
    await db
      .delete(idempotencyKeys)
      .where(
        and(
          eq(idempotencyKeys.organisationId, organisationId),
          eq(idempotencyKeys.key, key),
          expired(now, deps.env.HTTP_REQUEST_TIMEOUT_MS),
        ),
      );
    const claimed = await db
      .insert(idempotencyKeys)
      .values({ organisationId, key, requestHash, createdAt: now })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const rows = await db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.organisationId, organisationId), eq(idempotencyKeys.key, key)));
      const existing = rows[0];
      if (!existing) throw new AppError('conflict', { headers: { 'Retry-After': '1' } });
      if (existing.requestHash !== requestHash) throw new AppError('idempotency_mismatch');
      if (existing.status === null) {
        throw new AppError('conflict', {
          headers: { 'Retry-After': '1' },
          detail: {
            fr: 'Une requête avec cette clé d’idempotence est en cours.',
            en: 'A request with this idempotency key is in progress.',
          },
        });
      }
      for (const [name, value] of Object.entries(existing.headers ?? {})) c.header(name, value);
      c.header('Idempotent-Replayed', 'true');
      return c.json(existing.response as Record<string, unknown>, existing.status as ContentfulStatusCode);
    }
    const release = () =>
      db
        .delete(idempotencyKeys)
        .where(and(eq(idempotencyKeys.organisationId, organisationId), eq(idempotencyKeys.key, key)));
    try {
      await next();
    } catch (err) {
      await release().catch(() => {});
      throw err;
    }
    const res = c.res;
    if (res.status >= 200 && res.status < 300 && (res.headers.get('content-type') ?? '').includes('json')) {
      const response: unknown = await res.clone().json();
      const headers: Record<string, string> = {};
      const location = res.headers.get('location');
      if (location) headers.Location = location;
      await db
        .update(idempotencyKeys)
        .set({ status: res.status, response, headers })
        .where(and(eq(idempotencyKeys.organisationId, organisationId), eq(idempotencyKeys.key, key)));
    } else {
      await release();
    }
  });
}

/** Records past their replay window, or in progress for longer than any request may run. */
function expired(now: Date, inProgressTtlMs: number) {
  return or(
    lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)),
    and(
      isNull(idempotencyKeys.status),
      lt(idempotencyKeys.createdAt, new Date(now.getTime() - inProgressTtlMs)),
    ),
  );
}

/**
 * Deletes every organisation's expired records (see `expired`); returns how many. A key is also
 * cleared when it is reused, but keys that are never reused would otherwise stay forever.
 */
export async function purgeExpiredIdempotencyKeys(
  db: Db,
  now: Date,
  inProgressTtlMs: number,
): Promise<number> {
  const deleted = await db
    .delete(idempotencyKeys)
    .where(expired(now, inProgressTtlMs))
    .returning({ key: idempotencyKeys.key });
  return deleted.length;
}

/**
 * Fingerprint of what the request asks for. Multipart bodies are hashed by content (fields and
 * the sha256 of each file part), not bytes: a client that retries rebuilds its form with a new
 * random boundary.
 */
async function hashRequest(c: Context): Promise<string> {
  const hash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n`);
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'multipart/form-data' && hasStaging(c)) {
    // The form is streamed to disk once (the route reads the same staged form): the file parts
    // enter the fingerprint by their sha256, never held whole in memory.
    const form = await stagedForm(c);
    const entries = [...form.fields].map(([name, value]) => `${name}=${value}`);
    return hash.update([...entries, ...form.fileDigests].sort().join('\n')).digest('hex');
  }
  if (stagesRawBody(c, type)) {
    // A raw file body (application/pdf), streamed to disk once and shared with the route.
    const file = await stagedRawBody(c);
    return hash.update(`${type}\nsha256:${file.sha256}`).digest('hex');
  }
  return hash
    .update(`${type}\n`)
    .update(new Uint8Array(await c.req.arrayBuffer()))
    .digest('hex');
}
