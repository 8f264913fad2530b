import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveApiKey } from '@saeq/shared/auth';
import { createPlanWithStages } from '@saeq/shared/plans';
import { repoRoot } from '@saeq/testing';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayEnvBindings } from '../src/deps.ts';
import { requireAuth } from '../src/middleware/auth.ts';
import { requestContext } from '../src/middleware/request-context.ts';
import { problemResponse } from '../src/problem.ts';
import { type PlanEventOptions, planEventRoutes } from '../src/routes/plan-events.ts';
import { bearer, type RunningWorkers, startTestGateway, startWorkers, type TestGateway } from './harness.ts';
import { readSse } from './sse.ts';

// Issue 18 risk (console polling): `GET /v1/plans/{id}/events` follows the sample plan through
// the real workers, Redis and Postgres until it is completed, then ends.

let gw: TestGateway;
let workers: RunningWorkers | undefined;
beforeAll(async () => {
  gw = await startTestGateway({ RATE_LIMITS_ENABLED: 'false' });
  workers = await startWorkers(gw, ['worker-pdf', 'worker-bom']);
}, 90_000);
afterAll(async () => {
  await workers?.stop();
  await gw?.close();
});

async function uploadSample(key: string): Promise<string> {
  const pdf = readFileSync(join(repoRoot, 'fixtures/plans/sample-plan.pdf'));
  const form = new FormData();
  form.set('file', new File([pdf], 'sample-plan.pdf', { type: 'application/pdf' }));
  const res = await gw.app.request('/v1/plans', { method: 'POST', body: form, headers: bearer(key) });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

type PlanJson = { id: string; status: string; progress: number; stages: Record<string, { status: string }> };

describe('GET /v1/plans/{id}/events', () => {
  it('sends the plan status at once and on each change, and ends after completed', async () => {
    const id = await uploadSample(gw.keys.acme);
    const res = await gw.app.request(`/v1/plans/${id}/events`, { headers: bearer(gw.keys.acme) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    // readSse throws when the stream is still open at its deadline: reaching the end is asserted.
    const messages = await readSse(res, { timeoutMs: 60_000 });
    const statuses = messages
      .filter((m) => m.event === 'status')
      .map((m) => JSON.parse(m.data ?? '') as PlanJson);
    expect(statuses.length).toBeGreaterThan(1);
    expect(statuses[0]?.status).not.toBe('completed');
    expect(statuses.at(-1)?.status).toBe('completed');
    // Only changes are sent: no two consecutive events are equal.
    for (let i = 1; i < statuses.length; i++) expect(statuses[i]).not.toEqual(statuses[i - 1]);
    // The last event is the JSON of GET /v1/plans/{id}.
    const plan = (await (
      await gw.app.request(`/v1/plans/${id}`, { headers: bearer(gw.keys.acme) })
    ).json()) as PlanJson;
    expect(statuses.at(-1)).toEqual(plan);
  }, 90_000);

  it('answers a finished plan with its one terminal event and ends', async () => {
    const id = await uploadSample(gw.keys.acme);
    await readSse(await gw.app.request(`/v1/plans/${id}/events`, { headers: bearer(gw.keys.acme) }), {
      timeoutMs: 60_000,
    });
    const res = await gw.app.request(`/v1/plans/${id}/events`, { headers: bearer(gw.keys.acme) });
    const statuses = (await readSse(res, { timeoutMs: 5000 })).filter((m) => m.event === 'status');
    expect(statuses).toHaveLength(1);
    expect((JSON.parse(statuses[0]?.data ?? '') as PlanJson).status).toBe('completed');
  }, 90_000);

  it('is a 404 for another organisation’s plan, 401 without a key, 400 for a malformed id', async () => {
    const id = await uploadSample(gw.keys.acme);
    const other = await gw.app.request(`/v1/plans/${id}/events`, { headers: bearer(gw.keys.other) });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect((await gw.app.request(`/v1/plans/${id}/events`)).status).toBe(401);
    const malformed = await gw.app.request('/v1/plans/not-a-uuid/events', { headers: bearer(gw.keys.acme) });
    expect(malformed.status).toBe(400);
  }, 30_000);

  it('sends heartbeats while a plan waits, and ends at its bounded lifetime', async () => {
    // A plan recorded without a job stays queued: only heartbeats and the lifetime end the stream.
    const resolved = await resolveApiKey(gw.deps.db.db, gw.keys.acme);
    if (!resolved) throw new Error('unknown key');
    const plan = await createPlanWithStages(gw.deps.db.db, {
      organisationId: resolved.organisationId,
      name: 'En attente',
      filename: 'attente.pdf',
      sizeBytes: 1,
      sha256: 'a'.repeat(64),
      edition: '2026',
    });
    const routes = mountRoutes({ heartbeatMs: 100, pollMs: 50, maxDurationMs: 800 });
    const started = Date.now();
    const res = await routes.request(`/v1/plans/${plan.id}/events`, { headers: bearer(gw.keys.acme) });
    const messages = await readSse(res, { timeoutMs: 5000 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(700);
    expect(elapsed).toBeLessThan(3000);
    const statuses = messages.filter((m) => m.event === 'status');
    expect(statuses).toHaveLength(1);
    expect((JSON.parse(statuses[0]?.data ?? '') as PlanJson).status).toBe('queued');
    expect(messages.filter((m) => m.comment === 'keep-alive').length).toBeGreaterThanOrEqual(3);
  }, 30_000);
});

function mountRoutes(opts: PlanEventOptions) {
  const app = new Hono<GatewayEnvBindings>();
  app.use('*', requestContext(gw.deps));
  app.onError((err, c) => problemResponse(err, c, gw.deps.logger));
  const v1 = new Hono<GatewayEnvBindings>();
  v1.use('*', requireAuth(gw.deps));
  v1.route('/', planEventRoutes(gw.deps, opts));
  app.route('/v1', v1);
  return app;
}
