import { randomBytes } from 'node:crypto';
import { createApiKey, listApiKeys, OrganisationScope, revokeApiKey } from '@saeq/shared/auth';
import { apiKeys, organisations } from '@saeq/shared/db';
import { AppError } from '@saeq/shared/errors';
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { GatewayDeps, GatewayEnvBindings } from '../deps.ts';
import { evictCachedKey, requireScope } from '../middleware/auth.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { readJsonBody } from '../middleware/json-body.ts';
import { validationError } from '../problem.ts';
import { parseId } from './ids.ts';

export const CreateKey = z.strictObject({
  name: z.string().trim().max(100).optional(),
  // An organisation's admin grants its own scopes, never `operator` (the platform's).
  scopes: z.array(OrganisationScope).min(1).max(5),
});

/**
 * Key management for an organisation's admins: list, create (the clear key is shown once),
 * revoke. Rotation = create the new key, deploy it, revoke the old one (both work meanwhile).
 * Also the organisation's webhook signing secret.
 */
export function adminRoutes(deps: GatewayDeps) {
  const app = new Hono<GatewayEnvBindings>();
  app.use('*', requireScope('admin'));

  app.get('/keys', async (c) => {
    const orgId = c.get('auth').organisationId;
    const org = await deps.db.db
      .select({ slug: organisations.slug })
      .from(organisations)
      .where(eq(organisations.id, orgId));
    const rows = await listApiKeys(deps.db.db, org[0]?.slug);
    return c.json({
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        prefix: r.prefix,
        scopes: r.scopes,
        createdAt: r.createdAt.toISOString(),
        lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
        revokedAt: r.revokedAt?.toISOString() ?? null,
      })),
    });
  });

  app.post('/keys', limitBody(16 * 1024), async (c) => {
    const parsed = CreateKey.safeParse(await readJsonBody(c));
    if (!parsed.success) throw validationError(parsed.error);
    const orgId = c.get('auth').organisationId;
    const org = await deps.db.db
      .select({ slug: organisations.slug })
      .from(organisations)
      .where(eq(organisations.id, orgId));
    const slug = org[0]?.slug;
    if (!slug) throw new AppError('not_found');
    const created = await createApiKey(deps.db.db, {
      org: slug,
      scopes: parsed.data.scopes,
      name: parsed.data.name ?? '',
    });
    c.header('Location', `/v1/admin/keys/${created.id}`);
    c.header('Cache-Control', 'no-store');
    return c.json(
      { id: created.id, key: created.key, scopes: created.scopes, name: parsed.data.name ?? '' },
      201,
    );
  });

  app.delete('/keys/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    const orgId = c.get('auth').organisationId;
    const owned = await deps.db.db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(and(eq(apiKeys.id, id), eq(apiKeys.organisationId, orgId)));
    if (owned.length === 0) throw new AppError('not_found');
    if (id === c.get('auth').id) {
      throw new AppError('conflict', {
        detail: { fr: 'Une clé ne peut pas se révoquer elle-même.', en: 'A key cannot revoke itself.' },
      });
    }
    await revokeApiKey(deps.db.db, id, deps.now());
    evictCachedKey(id);
    return c.body(null, 204);
  });

  app.get('/webhook-secret', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ secret: await webhookSecret(deps, c.get('auth').organisationId, false) });
  });
  app.post('/webhook-secret/rotate', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ secret: await webhookSecret(deps, c.get('auth').organisationId, true) });
  });

  return app;
}

/** The organisation's webhook signing secret, created on first use. */
async function webhookSecret(deps: GatewayDeps, organisationId: string, rotate: boolean): Promise<string> {
  const rows = await deps.db.db
    .select({ secret: organisations.webhookSecret })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  const current = rows[0]?.secret;
  if (current && !rotate) return current;
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  await deps.db.db
    .update(organisations)
    .set({ webhookSecret: secret })
    .where(eq(organisations.id, organisationId));
  return secret;
}
