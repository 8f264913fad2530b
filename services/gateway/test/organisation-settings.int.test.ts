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
