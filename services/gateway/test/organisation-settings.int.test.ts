import { createApiKey } from '@saeq/shared/auth';
import { findPricingSource } from '@saeq/shared/catalogs';
import { organisations } from '@saeq/shared/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestGateway, type TestGateway } from './harness.ts';

// The organisation's own settings, set by its admins: the webhook signing secret (created once,
// whatever the concurrency) and PATCH /v1/admin/organisation (labour rate, rate-limit overrides).

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ RATE_LIMIT_GENERAL: '1000/60' });
});

afterAll(async () => {
  await gw?.close();
});

async function storedSecret(slug: string): Promise<string | null> {
  const rows = await gw.db.handle.db
    .select({ secret: organisations.webhookSecret })
    .from(organisations)
    .where(eq(organisations.slug, slug));
  return rows[0]?.secret ?? null;
}

describe('webhook secret', () => {
  it('creates one secret when many first reads race, and every reader gets the stored one', async () => {
    expect(await storedSecret('other')).toBeNull();
    const answers = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const res = await gw.app.request('/v1/admin/webhook-secret', { headers: bearer(gw.keys.other) });
        expect(res.status).toBe(200);
        return ((await res.json()) as { secret: string }).secret;
      }),
    );
    const stored = await storedSecret('other');
    expect(stored).toMatch(/^whsec_/);
    expect(new Set(answers)).toEqual(new Set([stored]));
  });
});

describe('PATCH /v1/admin/organisation', () => {
  const patch = (key: string, body: unknown, headers: Record<string, string> = {}) =>
    gw.app.request('/v1/admin/organisation', {
      method: 'PATCH',
      headers: bearer(key, { 'content-type': 'application/json', ...headers }),
      body: JSON.stringify(body),
    });

  it('sets a rate-limit override that the organisation’s keys are limited by at once', async () => {
    const { key } = await createApiKey(gw.db.handle.db, { org: 'limited', scopes: ['admin'] });
    // The key is resolved (and cached) before the override exists.
    expect((await gw.app.request('/v1/plans', { headers: bearer(key) })).status).toBe(200);
    // GET draws on the reads budget (writes have their own, `general`).
    const res = await patch(key, { rateLimits: { reads: { points: 2, seconds: 60 } } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ settings: { rateLimits: { reads: { points: 2, seconds: 60 } } } });
    const statuses: number[] = [];
    let policy: string | null = null;
    for (let i = 0; i < 3; i++) {
      const r = await gw.app.request('/v1/plans', { headers: bearer(key) });
      statuses.push(r.status);
      policy = r.headers.get('ratelimit-policy');
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(policy).toBe('"reads";q=2;w=60');
  });

  it('sets and clears the labour rate the BOM pricing reads; other organisations keep theirs', async () => {
    const acmeId = await organisationId('acme');
    const otherId = await organisationId('other');
    const res = await patch(gw.keys.acme, { labourRateCents: 12_345 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ settings: { labourRateCents: 12_345 } });
    const pricing = (orgId: string) =>
      findPricingSource(gw.db.handle.db, orgId, { defaultLabourRateCents: 9500 });
    expect((await pricing(acmeId)).labourRateCents).toBe(12_345);
    expect((await pricing(otherId)).labourRateCents).toBe(9500);
    const cleared = await patch(gw.keys.acme, { labourRateCents: null });
    expect(await cleared.json()).toEqual({ settings: {} });
    expect((await pricing(acmeId)).labourRateCents).toBe(9500);
  });

  it('refuses invalid settings with a problem+json 400 naming the field (English on request)', async () => {
    const res = await patch(
      gw.keys.acme,
      { labourRateCents: -5, rateLimits: { general: { points: 0, seconds: 60 } } },
      { 'accept-language': 'en' },
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const body = (await res.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path).sort()).toEqual(['labourRateCents', 'rateLimits.general.points']);
    const unknown = await patch(gw.keys.acme, { rateLimits: { anonymous: { points: 1, seconds: 1 } } });
    expect(unknown.status).toBe(400);
  });

  it('needs the admin scope', async () => {
    const res = await patch(gw.keys.acmeReadOnly, { labourRateCents: 1 });
    expect(res.status).toBe(403);
  });
});

async function organisationId(slug: string): Promise<string> {
  const rows = await gw.db.handle.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.slug, slug));
  const id = rows[0]?.id;
  if (!id) throw new Error(`no organisation ${slug}`);
  return id;
}
