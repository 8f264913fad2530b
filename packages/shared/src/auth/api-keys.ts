import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type ApiKey, apiKeys } from '../db/schema/api-keys.ts';
import { OrganisationSettings, organisations } from '../db/schema/organisations.ts';
import type { Scope } from './scopes.ts';

const KEY_PREFIX = 'saeq_';

/** A new random key: `saeq_` + 43 base64url characters (256 bits). */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex digests of equal length. */
export function digestsEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

/** Keys look like `saeq_…`; anything else (or absurdly long) is rejected before touching the database. */
export function isPlausibleApiKey(key: string): boolean {
  return key.length >= 16 && key.length <= 200 && /^[A-Za-z0-9_\-.~+/=]+$/.test(key);
}

export async function ensureOrganisation(db: Db, slug: string, name = slug): Promise<string> {
  const inserted = await db
    .insert(organisations)
    .values({ slug, name })
    .onConflictDoNothing({ target: organisations.slug })
    .returning({ id: organisations.id });
  if (inserted[0]) return inserted[0].id;
  const found = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.slug, slug));
  if (!found[0]) throw new Error(`organisation ${slug} could not be created`);
  return found[0].id;
}

export type CreatedKey = { id: string; key: string; org: string; organisationId: string; scopes: Scope[] };

/** Creates a key for an organisation (created on the fly); the clear key is returned once, only its hash is kept. */
export async function createApiKey(
  db: Db,
  opts: { org: string; scopes: Scope[]; name?: string; key?: string },
): Promise<CreatedKey> {
  const organisationId = await ensureOrganisation(db, opts.org);
  const key = opts.key ?? generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({
      organisationId,
      name: opts.name ?? '',
      prefix: key.slice(0, 12),
      hash: hashApiKey(key),
      scopes: opts.scopes,
    })
    .returning({ id: apiKeys.id });
  if (!row) throw new Error('key insert returned nothing');
  return { id: row.id, key, org: opts.org, organisationId, scopes: opts.scopes };
}

/**
 * Makes sure a key with this exact value exists (first set-up, CI), admin of its organisation and
 * operator of the deployment (Bull Board, /health/detailed). Idempotent.
 */
export async function ensureBootstrapKey(db: Db, key: string, org = 'default'): Promise<void> {
  const scopes: Scope[] = ['admin', 'operator'];
  const [existing] = await db
    .select({ id: apiKeys.id, scopes: apiKeys.scopes })
    .from(apiKeys)
    .where(eq(apiKeys.hash, hashApiKey(key)));
  if (!existing) {
    await createApiKey(db, { org, scopes, name: 'bootstrap', key });
    return;
  }
  // A data directory from before the operator scope existed: the same key keeps opening Bull Board.
  const missing = scopes.filter((s) => !existing.scopes.includes(s));
  if (missing.length > 0) {
    await db
      .update(apiKeys)
      .set({ scopes: [...existing.scopes, ...missing] })
      .where(eq(apiKeys.id, existing.id));
  }
}

export type ResolvedKey = Pick<ApiKey, 'id' | 'organisationId' | 'scopes'> & {
  /** The organisation's overrides of the per-key rate limits (its settings). */
  rateLimits?: OrganisationSettings['rateLimits'];
};

/**
 * Finds the active key for a presented secret (by hash, compared in constant time), or null,
 * with its organisation's rate-limit overrides (settings that fail validation are ignored).
 */
export async function resolveApiKey(db: Db, presented: string): Promise<ResolvedKey | null> {
  const hash = hashApiKey(presented);
  const rows = await db
    .select({
      id: apiKeys.id,
      organisationId: apiKeys.organisationId,
      scopes: apiKeys.scopes,
      hash: apiKeys.hash,
      settings: organisations.settings,
    })
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.organisationId))
    .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)));
  const row = rows[0];
  if (!row || !digestsEqual(row.hash, hash)) return null;
  const rateLimits = OrganisationSettings.safeParse(row.settings).data?.rateLimits;
  return {
    id: row.id,
    organisationId: row.organisationId,
    scopes: row.scopes,
    ...(rateLimits ? { rateLimits } : {}),
  };
}

export async function touchApiKey(db: Db, id: string, now: Date): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, id));
}

export async function listApiKeys(db: Db, org?: string) {
  const query = db
    .select({
      id: apiKeys.id,
      org: organisations.slug,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.organisationId))
    .orderBy(desc(apiKeys.createdAt));
  return org ? query.where(eq(organisations.slug, org)) : query;
}

export async function revokeApiKey(db: Db, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}
