import { agentRuns, plans } from '@saeq/shared/db';
import { buildTextPdf } from '@saeq/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
