import { createRoute, z } from '@hono/zod-openapi';
import { createApiKey, listApiKeys, OrganisationScope, revokeApiKey } from '@saeq/shared/auth';
import { apiKeys, OrganisationSettings, organisations } from '@saeq/shared/db';
import { AppError } from '@saeq/shared/errors';
import { ensureWebhookSecret, rotateWebhookSecret } from '@saeq/shared/webhooks';
import { and, eq } from 'drizzle-orm';
import type { GatewayDeps } from '../deps.ts';
import { evictCachedKey, evictOrganisationKeys, requireScope } from '../middleware/auth.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { jsonBody } from '../middleware/json-body.ts';
import {
  IdParam,
  jsonRequestBody,
  jsonResponse,
  notFound,
  problem,
  problems,
  requires,
  router,
} from '../openapi/route-kit.ts';
import * as S from '../openapi/schemas.ts';
import { OrganisationSettingsPatch, updateOrganisationSettings } from '../use-cases/organisation-settings.ts';

export const CreateKey = z.strictObject({
  name: z.string().trim().max(100).optional(),
  // An organisation's admin grants its own scopes, never `operator` (the platform's).
  scopes: z.array(OrganisationScope).min(1).max(5),
});

const tags = ['admin'];
// The whole sub-app requires `admin` (app.use below, so unknown /v1/admin paths need it too).
const admin = requires('admin');

const listKeys = createRoute({
  method: 'get',
  path: '/keys',
  summary: 'The organisation’s API keys (prefixes only)',
  tags,
  ...admin,
  responses: { 200: jsonResponse('Keys', S.KeyList), ...problems },
});

const createKey = createRoute({
  method: 'post',
  path: '/keys',
  summary: 'Create a key (shown once)',
  tags,
  ...admin,
  middleware: [limitBody(16 * 1024), jsonBody()] as const,
  request: { body: jsonRequestBody(CreateKey) },
  responses: { 201: jsonResponse('Created', S.KeyCreated), ...problems },
});

const revokeKey = createRoute({
  method: 'delete',
  path: '/keys/{id}',
  summary: 'Revoke a key',
  tags,
  ...admin,
  request: { params: IdParam },
  responses: {
    204: { description: 'Revoked' },
    ...problems,
    ...notFound,
    409: problem('A key cannot revoke itself'),
  },
});

const readSecret = createRoute({
  method: 'get',
  path: '/webhook-secret',
  summary: 'The webhook signing secret',
  tags,
  ...admin,
  responses: { 200: jsonResponse('Secret', S.WebhookSecret), ...problems },
});

const rotateSecret = createRoute({
  method: 'post',
  path: '/webhook-secret/rotate',
  summary: 'Rotate the webhook signing secret',
  tags,
  ...admin,
  responses: { 200: jsonResponse('New secret', S.WebhookSecret), ...problems },
});

const patchOrganisation = createRoute({
  method: 'patch',
  path: '/organisation',
  summary:
    'Change the organisation’s settings: labour rate of its BOMs, per-key rate-limit overrides (null = platform default)',
  tags,
  ...admin,
  middleware: [limitBody(16 * 1024), jsonBody()] as const,
  request: { body: jsonRequestBody(OrganisationSettingsPatch) },
  responses: {
    200: jsonResponse('The settings now stored', z.object({ settings: OrganisationSettings })),
    ...problems,
  },
});

/**
 * Key management for an organisation's admins: list, create (the clear key is shown once),
 * revoke. Rotation = create the new key, deploy it, revoke the old one (both work meanwhile).
 * Also the organisation's webhook signing secret.
 */
export function adminRoutes(deps: GatewayDeps) {
  const app = router();
  app.use('*', requireScope('admin'));

  app.openapi(listKeys, async (c) => {
    const orgId = c.get('auth').organisationId;
    const org = await deps.db.db
      .select({ slug: organisations.slug })
      .from(organisations)
      .where(eq(organisations.id, orgId));
    const rows = await listApiKeys(deps.db.db, org[0]?.slug);
    return c.json(
      {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          prefix: r.prefix,
          scopes: r.scopes,
          createdAt: r.createdAt.toISOString(),
          lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
          revokedAt: r.revokedAt?.toISOString() ?? null,
        })),
      },
      200,
    );
  });

  app.openapi(createKey, async (c) => {
    const body = c.req.valid('json');
    const orgId = c.get('auth').organisationId;
    const org = await deps.db.db
      .select({ slug: organisations.slug })
      .from(organisations)
      .where(eq(organisations.id, orgId));
    const slug = org[0]?.slug;
    if (!slug) throw new AppError('not_found');
    const created = await createApiKey(deps.db.db, {
      org: slug,
      scopes: body.scopes,
      name: body.name ?? '',
    });
    c.header('Location', `/v1/admin/keys/${created.id}`);
    c.header('Cache-Control', 'no-store');
    return c.json({ id: created.id, key: created.key, scopes: created.scopes, name: body.name ?? '' }, 201);
  });

  app.openapi(revokeKey, async (c) => {
    const { id } = c.req.valid('param');
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

  app.openapi(readSecret, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ secret: await webhookSecret(deps, c.get('auth').organisationId, false) }, 200);
  });
  app.openapi(rotateSecret, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ secret: await webhookSecret(deps, c.get('auth').organisationId, true) }, 200);
  });

  app.openapi(patchOrganisation, async (c) => {
    const orgId = c.get('auth').organisationId;
    const settings = await updateOrganisationSettings(deps.db.db, orgId, c.req.valid('json'));
    // The organisation's keys carry its rate-limit overrides in the key cache: this replica
    // applies the change at once, the others within the cache's lifetime (30 s).
    evictOrganisationKeys(orgId);
    return c.json({ settings }, 200);
  });

  return app;
}

/** The organisation's webhook signing secret (created once on first use), or a new one. */
async function webhookSecret(deps: GatewayDeps, organisationId: string, rotate: boolean): Promise<string> {
  const secret = rotate
    ? await rotateWebhookSecret(deps.db.db, organisationId)
    : await ensureWebhookSecret(deps.db.db, organisationId);
  if (!secret) throw new AppError('not_found');
  return secret;
}
