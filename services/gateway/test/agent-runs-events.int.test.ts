import { resolveApiKey } from '@saeq/shared/auth';
import { agentRuns } from '@saeq/shared/db';
import {
  type FakeAnthropic,
  type RunningService,
  startFakeAnthropic,
  startService,
  testRedisUrl,
  waitFor,
  waitHealthy,
} from '@saeq/testing';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayEnvBindings } from '../src/deps.ts';
import { requireAuth } from '../src/middleware/auth.ts';
import { requestContext } from '../src/middleware/request-context.ts';
import { problemResponse } from '../src/problem.ts';
import { agentRunEventRoutes } from '../src/routes/agent-run-events.ts';
import { usageRoutes } from '../src/routes/usage.ts';
import { bearer, startTestGateway, type TestGateway } from './harness.ts';
import { readSse } from './sse.ts';

// Issue 7 through the gateway: a run of the real worker-agents process against the fake
// Anthropic server, its tool output compared with the calculation endpoint, its events over
// SSE, and the usage endpoint. Real Redis and Postgres.

let gw: TestGateway;
let fake: FakeAnthropic;
let worker: RunningService;
/** The SSE and usage routes mounted as createApp mounts /v1 routes (same middleware). */
let routes: Hono<GatewayEnvBindings>;

beforeAll(async () => {
  gw = await startTestGateway();
  fake = await startFakeAnthropic();
  worker = startService('worker-agents', {
    DATABASE_URL: gw.db.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: gw.prefix,
    DATA_DIR: gw.dataDir,
    METRICS_HOST: '127.0.0.1',
    METRICS_PORT: '0',
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: fake.url,
  });
  const port = await waitFor(async () => /"metricsPort":(\d+)/.exec(worker.output())?.[1], {
    timeoutMs: 45_000,
    what: 'worker-agents started',
  });
  await waitHealthy(`http://127.0.0.1:${port}/health/ready`, 20_000);

  // Postgres is read again only every minute here: events that arrive in time came through
  // Redis pub/sub.
  routes = mountRoutes({ heartbeatMs: 60_000, pollMs: 60_000 });
}, 90_000);

function mountRoutes(opts: Parameters<typeof agentRunEventRoutes>[1]) {
  const app = new Hono<GatewayEnvBindings>();
  app.use('*', requestContext(gw.deps));
  app.onError((err, c) => problemResponse(err, c, gw.deps.logger));
  const v1 = new Hono<GatewayEnvBindings>();
  v1.use('*', requireAuth(gw.deps));
  v1.route('/', agentRunEventRoutes(gw.deps, opts));
  v1.route('/', usageRoutes(gw.deps));
  app.route('/v1', v1);
  return app;
}

afterAll(async () => {
  worker?.kill('SIGTERM');
  await worker?.exited;
  await fake?.close();
  await gw?.close();
});

async function submit(message: string, agent = 'electrical-calculator', key = gw.keys.acme): Promise<string> {
  const res = await gw.app.request(`/v1/agents/${agent}/runs`, {
    method: 'POST',
    headers: bearer(key, { 'content-type': 'application/json' }),
    body: JSON.stringify({ message }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

async function finished(id: string) {
  return waitFor(
    async () => {
      const res = await gw.app.request(`/v1/agent-runs/${id}`, { headers: bearer(gw.keys.acme) });
      const run = (await res.json()) as Record<string, unknown>;
      return run.status === 'completed' || run.status === 'failed' ? run : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 100, what: `agent run ${id} finished` },
  );
}

const dwellingInput = { livingAreaM2: 150, rangeW: 12_000, spaceHeatingW: 10_000 };

describe('agent run through the gateway', () => {
  it('stores a tool output equal to the calculation endpoint’s for the same input', async () => {
    fake.enqueue(
      {
        type: 'tool_use',
        name: 'calc_dwelling_load',
        input: dwellingInput,
        usage: { input_tokens: 2000, output_tokens: 50 },
      },
      {
        type: 'text',
        text: 'Charge calculée selon l’outil.',
        usage: { input_tokens: 2400, output_tokens: 80 },
      },
    );
    const id = await submit('Charge d’une maison de 150 m² avec cuisinière de 12 kW et chauffage de 10 kW ?');
    const run = (await finished(id)) as {
      status: string;
      answer: string;
      toolCalls: { name: string; input: unknown; output: unknown }[];
      usage: Record<string, number>;
    };
    expect(run.status).toBe('completed');
    expect(run.answer).toBe('Charge calculée selon l’outil.');
    expect(run.usage).toMatchObject({ inputTokens: 4400, outputTokens: 130, cacheReadTokens: 0 });
    const [call] = run.toolCalls;
    expect(call?.name).toBe('calc_dwelling_load');

    const endpoint = await gw.app.request('/v1/calculations/dwelling-load', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
      body: JSON.stringify(call?.input),
    });
    expect(endpoint.status).toBe(200);
    expect(call?.output).toEqual(await endpoint.json());
  });
});

describe('GET /v1/agent-runs/{id}/events', () => {
  it('streams status, tool call, text and answer events in order, then ends', async () => {
    fake.enqueue(
      {
        type: 'tool_use',
        name: 'calc_dwelling_load',
        input: dwellingInput,
        text: 'Je calcule.',
        delayMs: 400,
      },
      { type: 'text', text: 'La charge calculée est indiquée par l’outil, étape par étape.', delayMs: 400 },
    );
    const id = await submit('Charge de ma maison ?');
    const res = await routes.request(`/v1/agent-runs/${id}/events`, { headers: bearer(gw.keys.acme) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const messages = (await readSse(res, { timeoutMs: 15_000 })).filter((m) => m.event !== undefined);

    const ids = messages.map((m) => Number(m.id));
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    const events = messages.map((m) => ({
      event: m.event,
      data: JSON.parse(m.data ?? 'null') as Record<string, unknown>,
    }));
    expect(events[0]).toEqual({ event: 'status', data: { status: 'processing', attempt: 1, mode: 'llm' } });
    expect(events.at(-1)).toEqual({ event: 'status', data: { status: 'completed', stopReason: 'end_turn' } });
    const order = events.map((e) => e.event);
    expect(order.indexOf('tool_call')).toBeGreaterThan(0);
    expect(order.indexOf('answer')).toBeGreaterThan(order.indexOf('tool_call'));
    expect(order.lastIndexOf('text')).toBeLessThan(order.indexOf('answer'));
    expect(events.find((e) => e.event === 'tool_call')?.data).toMatchObject({
      name: 'calc_dwelling_load',
      isError: false,
    });
    const answer = events.find((e) => e.event === 'answer')?.data.text;
    expect(answer).toBe('La charge calculée est indiquée par l’outil, étape par étape.');
    const streamed = events
      .filter((e) => e.event === 'text' && e.data.step === 2)
      .map((e) => e.data.delta)
      .join('');
    expect(streamed).toBe(answer);

    // Polling keeps working, and agrees.
    expect(await finished(id)).toMatchObject({ status: 'completed', answer });

    // Resume after seq 2: the same events from 3 on, then the end.
    const resumed = await routes.request(`/v1/agent-runs/${id}/events`, {
      headers: bearer(gw.keys.acme, { 'last-event-id': '2' }),
    });
    const replay = (await readSse(resumed)).filter((m) => m.event !== undefined);
    expect(replay.map((m) => m.id)).toEqual(messages.slice(2).map((m) => m.id));
    // Equal as JSON: a live event carries the worker's serialisation, a replayed one Postgres's
    // jsonb (which orders object keys its own way), depending on when the stream joined.
    const parsed = (list: typeof replay) => list.map((m) => JSON.parse(m.data ?? 'null') as unknown);
    expect(parsed(replay)).toEqual(parsed(messages.slice(2)));
  });

  it('sends heartbeats while a run waits, and lets the client go', async () => {
    // A run nobody processes (not enqueued): the stream stays open with keep-alive comments.
    const [run] = await gw.deps.db.db
      .insert(agentRuns)
      .values({
        organisationId: await orgOf(gw.keys.acme),
        agentId: 'electrical-calculator',
        message: 'en attente',
      })
      .returning();
    if (!run) throw new Error('insert failed');
    const res = await mountRoutes({ heartbeatMs: 300 }).request(`/v1/agent-runs/${run.id}/events`, {
      headers: bearer(gw.keys.acme),
    });
    const messages = await readSse(res, {
      until: (m) => m.some((x) => x.comment === 'keep-alive'),
      timeoutMs: 10_000,
    });
    expect(messages.some((m) => m.comment === 'keep-alive')).toBe(true);
    expect(messages.filter((m) => m.event)).toEqual([]);
  });

  it('answers 404 for another organisation’s run, 400 for a malformed id, 403 without agents:run', async () => {
    fake.enqueue({ type: 'text', text: 'ok' });
    const id = await submit('Bonjour');
    await finished(id);
    const other = await routes.request(`/v1/agent-runs/${id}/events`, { headers: bearer(gw.keys.other) });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    const malformed = await routes.request('/v1/agent-runs/not-a-uuid/events', {
      headers: bearer(gw.keys.acme),
    });
    expect(malformed.status).toBe(400);
    const readOnly = await routes.request(`/v1/agent-runs/${id}/events`, {
      headers: bearer(gw.keys.acmeReadOnly),
    });
    expect(readOnly.status).toBe(403);
    const anonymous = await routes.request(`/v1/agent-runs/${id}/events`);
    expect(anonymous.status).toBe(401);
  });
});

describe('GET /v1/usage', () => {
  it('totals tokens and estimated cost per agent for the organisation only', async () => {
    fake.enqueue({
      type: 'text',
      text: 'Cadenassez.',
      usage: { input_tokens: 1000, output_tokens: 100, cache_read_input_tokens: 500 },
    });
    await finished(await submit('Cadenassage ?', 'electrical-safety-specialist'));

    const res = await routes.request('/v1/usage', { headers: bearer(gw.keys.acme) });
    expect(res.status).toBe(200);
    const usage = (await res.json()) as {
      currency: string;
      costIsEstimate: boolean;
      agents: {
        agentId: string;
        runs: number;
        inputTokens: number;
        outputTokens: number;
        cacheReadTokens: number;
        costUsd: number;
      }[];
      totals: { runs: number; inputTokens: number; costUsd: number };
    };
    expect(usage).toMatchObject({ currency: 'USD', costIsEstimate: true });
    const safety = usage.agents.find((a) => a.agentId === 'electrical-safety-specialist');
    // 1000 × 3 + 100 × 15 + 500 × 0.30 = 4 650 µ$ (Sonnet 4 prices, USD per million tokens).
    expect(safety).toMatchObject({
      runs: 1,
      inputTokens: 1000,
      outputTokens: 100,
      cacheReadTokens: 500,
      costUsd: 0.00465,
    });
    const calculator = usage.agents.find((a) => a.agentId === 'electrical-calculator');
    expect(calculator?.runs).toBeGreaterThanOrEqual(3);
    expect(calculator?.inputTokens).toBeGreaterThanOrEqual(4400);
    expect(usage.totals.runs).toBe(usage.agents.reduce((sum, a) => sum + a.runs, 0));

    const other = (await (await routes.request('/v1/usage', { headers: bearer(gw.keys.other) })).json()) as {
      agents: unknown[];
      totals: { runs: number };
    };
    expect(other).toMatchObject({ agents: [], totals: { runs: 0 } });

    const future = await routes.request('/v1/usage?from=2099-01-01&to=2099-01-31', {
      headers: bearer(gw.keys.acme),
    });
    expect(((await future.json()) as { totals: { runs: number } }).totals.runs).toBe(0);
    const bad = await routes.request('/v1/usage?from=2026-02-01&to=2026-01-01', {
      headers: bearer(gw.keys.acme),
    });
    expect(bad.status).toBe(400);
  });
});

async function orgOf(key: string): Promise<string> {
  const resolved = await resolveApiKey(gw.deps.db.db, key);
  if (!resolved) throw new Error('unknown key');
  return resolved.organisationId;
}
