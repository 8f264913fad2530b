import { agentRuns, idempotencyKeys, organisations, plans } from '@saeq/shared/db';
import { buildTextPdf } from '@saeq/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredIdempotencyKeys } from '../src/middleware/idempotency.ts';
import { bearer, startTestGateway, type TestGateway } from './harness.ts';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await Promise.all(Object.values(gw.deps.queues).map((q) => q.pause()));
});
afterAll(async () => {
  await gw?.close();
});

function run(key: string, idem: string, message: string) {
  return gw.app.request('/v1/agents/electrical-calculator/runs', {
    method: 'POST',
    headers: bearer(key, { 'content-type': 'application/json', 'idempotency-key': idem }),
    body: JSON.stringify({ message }),
  });
}

describe('Idempotency-Key', () => {
  it('replays the original response for the same key and body, creating nothing new', async () => {
    const first = await run(gw.keys.acme, 'order-123', 'Calibre pour 30 A?');
    const again = await run(gw.keys.acme, 'order-123', 'Calibre pour 30 A?');
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    const a = (await first.json()) as { id: string };
    const b = (await again.json()) as { id: string };
    expect(b.id).toBe(a.id);
    expect(again.headers.get('location')).toBe(`/v1/agent-runs/${a.id}`);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const rows = await gw.db.handle.db
      .select()
      .from(agentRuns)
      .where(eq(agentRuns.message, 'Calibre pour 30 A?'));
    expect(rows).toHaveLength(1);
    expect(await gw.deps.queues.agentRun.count()).toBe(1);
  });

  it('answers 422 for the same key with a different body', async () => {
    await run(gw.keys.acme, 'order-456', 'premier');
    const res = await run(gw.keys.acme, 'order-456', 'second');
    expect(res.status).toBe(422);
    expect(((await res.json()) as { code: string }).code).toBe('idempotency_mismatch');
  });

  it('keeps keys per organisation and validates them', async () => {
    const mine = await run(gw.keys.acme, 'shared-key', 'même texte');
    const theirs = await run(gw.keys.other, 'shared-key', 'même texte');
    expect(((await mine.json()) as { id: string }).id).not.toBe(((await theirs.json()) as { id: string }).id);
    expect((await run(gw.keys.acme, 'bad key with spaces', 'x')).status).toBe(400);
  });

  it('does not keep failures: a corrected retry with the same key succeeds', async () => {
    const bad = await gw.app.request('/v1/agents/electrical-calculator/runs', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/json', 'idempotency-key': 'retry-me' }),
      body: JSON.stringify({ message: '' }),
    });
    expect(bad.status).toBe(400);
    const good = await run(gw.keys.acme, 'retry-me', 'maintenant correct');
    expect(good.status).toBe(202);
  });

  it('works for multipart plan uploads', async () => {
    const pdf = await buildTextPdf(['Plan idempotent']);
    const upload = () => {
      const form = new FormData();
      form.set('file', new File([pdf], 'idem.pdf', { type: 'application/pdf' }));
      return gw.app.request('/v1/plans', {
        method: 'POST',
        body: form,
        headers: bearer(gw.keys.other, { 'idempotency-key': 'plan-1' }),
      });
    };
    const a = (await (await upload()).json()) as { id: string };
    const b = (await (await upload()).json()) as { id: string };
    expect(b.id).toBe(a.id);
    const rows = await gw.db.handle.db.select().from(plans).where(eq(plans.filename, 'idem.pdf'));
    expect(rows).toHaveLength(1);
  });
});

describe('Idempotency-Key expiry', () => {
  const requestTimeoutMs = () => gw.deps.env.HTTP_REQUEST_TIMEOUT_MS;
  const acmeId = async () => {
    const [org] = await gw.db.handle.db.select().from(organisations).where(eq(organisations.slug, 'acme'));
    if (!org) throw new Error('acme missing');
    return org.id;
  };

  it('still answers 409 while a recent request with the key is in progress', async () => {
    const organisationId = await acmeId();
    const body = 'en cours';
    // Claim the key as a running request would (same hash), then retry.
    const first = await run(gw.keys.acme, 'running-key', body);
    expect(first.status).toBe(202);
    await gw.db.handle.db
      .update(idempotencyKeys)
      .set({ status: null, response: null, createdAt: new Date(Date.now() - 1000) })
      .where(and(eq(idempotencyKeys.organisationId, organisationId), eq(idempotencyKeys.key, 'running-key')));
    const res = await run(gw.keys.acme, 'running-key', body);
    expect(res.status).toBe(409);
  });

  it('frees a key whose request died mid-flight once older than the longest request', async () => {
    const organisationId = await acmeId();
    const first = await run(gw.keys.acme, 'crashed-key', 'interrompu');
    expect(first.status).toBe(202);
    // The process died before storing the response: the record stays in progress.
    await gw.db.handle.db
      .update(idempotencyKeys)
      .set({ status: null, response: null, createdAt: new Date(Date.now() - requestTimeoutMs() - 1000) })
      .where(and(eq(idempotencyKeys.organisationId, organisationId), eq(idempotencyKeys.key, 'crashed-key')));
    const retry = await run(gw.keys.acme, 'crashed-key', 'interrompu');
    expect(retry.status).toBe(202);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
  });

  it('purges every organisation’s expired and abandoned records, keeping live ones', async () => {
    const organisationId = await acmeId();
    const now = new Date();
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);
    await gw.db.handle.db.insert(idempotencyKeys).values([
      {
        organisationId,
        key: 'purge-old-done',
        requestHash: 'h',
        status: 202,
        response: {},
        createdAt: hoursAgo(25),
      },
      {
        organisationId,
        key: 'purge-recent-done',
        requestHash: 'h',
        status: 202,
        response: {},
        createdAt: hoursAgo(23),
      },
      { organisationId, key: 'purge-abandoned', requestHash: 'h', createdAt: hoursAgo(1) },
      { organisationId, key: 'purge-running', requestHash: 'h', createdAt: now },
    ]);
    const deleted = await purgeExpiredIdempotencyKeys(gw.db.handle.db, now, requestTimeoutMs());
    expect(deleted).toBeGreaterThanOrEqual(2);
    const left = await gw.db.handle.db
      .select({ key: idempotencyKeys.key })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.organisationId, organisationId));
    const keys = left.map((r) => r.key);
    expect(keys).toContain('purge-recent-done');
    expect(keys).toContain('purge-running');
    expect(keys).not.toContain('purge-old-done');
    expect(keys).not.toContain('purge-abandoned');
  });
});
