import { getAgent } from '@saeq/agents';
import { createApiKey } from '@saeq/shared/auth';
import { type FakeAnthropic, type FakeStep, type RecordedRequest, startFakeAnthropic } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type RunningWorkers, startTestGateway, startWorkers, type TestGateway } from './harness.ts';
import { readSse } from './sse.ts';

// Issue 19, orchestration: the gateway in-process, the real worker-agents process, real Redis
// (BullMQ flows) and Postgres; the fake Anthropic server answers each agent by its system prompt.

let gw: TestGateway;
let fake: FakeAnthropic;
let workers: RunningWorkers;

/** Which agent a request to the model is for: its cached system prompt block is the agent's. */
function agentOf(request: Pick<RecordedRequest, 'body'>): string {
  const system = request.body?.system;
  const prompt = Array.isArray(system) ? system[0]?.text : system;
  const ids = [
    'electrical-calculator',
    'electrical-safety-specialist',
    'electrical-compliance-checker',
    'electrical-diagnostician',
    'electrical-project-manager',
  ];
  return ids.find((id) => getAgent(id)?.systemPrompt === prompt) ?? 'unknown';
}

function userText(request: Pick<RecordedRequest, 'body'> | undefined): string {
  const first = request?.body?.messages[0];
  if (!first) return '';
  if (typeof first.content === 'string') return first.content;
  return first.content.map((block) => (typeof block.text === 'string' ? block.text : '')).join('');
}

/** The question's marker → which agent fails with HTTP 400 for it. */
const failing = new Map<string, string>();

beforeAll(async () => {
  gw = await startTestGateway({ RATE_LIMIT_AGENT_RUNS: '200/60' });
  fake = await startFakeAnthropic({
    handler: (request): FakeStep => {
      const agent = agentOf(request);
      const text = userText(request);
      const marker = /\[(q-[a-z0-9-]+)\]/.exec(text)?.[1] ?? 'none';
      if (failing.get(marker) === agent) return { type: 'error', status: 400, message: 'prompt refused' };
      const usage = { input_tokens: 100, output_tokens: 10 };
      if (agent === 'electrical-project-manager')
        return { type: 'text', text: `Synthèse ${marker} par le chargé de projet.`, usage, delayMs: 50 };
      return { type: 'text', text: `Réponse ${marker} de ${agent}.`, usage, delayMs: 150 };
    },
  });
  workers = await startWorkers(
    gw,
    [
      {
        name: 'worker-agents',
        env: { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.url, AGENT_CONCURRENCY: '4' },
      },
    ],
    { readyTimeoutMs: 45_000 },
  );
}, 90_000);

afterAll(async () => {
  await workers?.stop();
  await fake?.close();
  await gw?.close();
});

async function post(body: unknown, key = gw.keys.acme, headers: Record<string, string> = {}) {
  return gw.app.request('/v1/agents/orchestrations', {
    method: 'POST',
    headers: bearer(key, { 'content-type': 'application/json', ...headers }),
    body: JSON.stringify(body),
  });
}

type View = {
  status: string;
  mode: string;
  children: {
    id: string;
    agentId: string;
    step: number;
    status: string;
    answer: string | null;
    error?: { code: string; message: string };
    usage: Record<string, number>;
  }[];
  synthesis: { id: string; agentId: string; status: string; answer: string | null } | null;
  counts: { completed: number; failed: number; pending: number };
  usage: Record<string, number>;
};

async function settled(id: string): Promise<View> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await gw.app.request(`/v1/agent-orchestrations/${id}`, { headers: bearer(gw.keys.acme) });
    expect(res.status).toBe(200);
    const view = (await res.json()) as View;
    if (view.status === 'completed' || view.status === 'failed') return view;
    if (Date.now() > deadline) throw new Error(`orchestration ${id} still ${view.status}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const requestsFor = (marker: string) => fake.requests.filter((r) => userText(r).includes(`[${marker}]`));

describe('POST /v1/agents/orchestrations', () => {
  it('runs three agents in parallel, then the project manager’s synthesis of their answers', async () => {
    const agents = ['electrical-calculator', 'electrical-safety-specialist', 'electrical-compliance-checker'];
    const res = await post({ message: 'Question [q-par] sur un panneau de 200 A', agents, mode: 'parallel' });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    expect(res.headers.get('location')).toBe(`/v1/agent-orchestrations/${id}`);

    // Follow it over SSE while it runs: every run's events, then the final status.
    const stream = await gw.app.request(`/v1/agent-orchestrations/${id}/events`, {
      headers: bearer(gw.keys.acme),
    });
    expect(stream.status).toBe(200);
    const messages = (await readSse(stream, { timeoutMs: 30_000 })).filter((m) => m.event);

    const view = await settled(id);
    expect(view.status).toBe('completed');
    expect(view.mode).toBe('parallel');
    expect(view.children.map((c) => [c.agentId, c.step, c.status])).toEqual([
      ['electrical-calculator', 0, 'completed'],
      ['electrical-safety-specialist', 1, 'completed'],
      ['electrical-compliance-checker', 2, 'completed'],
    ]);
    for (const child of view.children) expect(child.answer).toBe(`Réponse q-par de ${child.agentId}.`);
    expect(view.synthesis).toMatchObject({
      agentId: 'electrical-project-manager',
      status: 'completed',
      answer: 'Synthèse q-par par le chargé de projet.',
    });
    expect(view.counts).toEqual({ completed: 3, failed: 0, pending: 0 });
    // Four model requests of 100 input and 10 output tokens each.
    expect(view.usage).toMatchObject({ inputTokens: 400, outputTokens: 40, cacheReadTokens: 0 });

    // The synthesis request carried every member's answer, and came after all of them.
    const requests = requestsFor('q-par');
    expect(requests).toHaveLength(4);
    const synthesisRequest = requests.find((r) => agentOf(r) === 'electrical-project-manager');
    expect(synthesisRequest?.index).toBe(Math.max(...requests.map((r) => r.index)));
    for (const agent of agents) expect(userText(synthesisRequest)).toContain(`Réponse q-par de ${agent}.`);
    // Members were asked the question alone.
    for (const r of requests.filter((x) => agentOf(x) !== 'electrical-project-manager'))
      expect(userText(r)).toBe('Question [q-par] sur un panneau de 200 A');

    // Each child is an agent run of its own.
    const child = await gw.app.request(`/v1/agent-runs/${view.children[0]?.id}`, {
      headers: bearer(gw.keys.acme),
    });
    expect(((await child.json()) as { answer: string }).answer).toBe(
      'Réponse q-par de electrical-calculator.',
    );

    // SSE: events of all four runs, each run's seqs in order, the stream ends on the status.
    const runIds = new Set(
      messages
        .filter((m) => m.event !== 'orchestration')
        .map((m) => (JSON.parse(m.data ?? '{}') as { run: { id: string } }).run.id),
    );
    expect(runIds.size).toBe(4);
    expect(messages.at(-1)).toMatchObject({ event: 'orchestration', data: '{"status":"completed"}' });
    const answers = messages.filter((m) => m.event === 'answer');
    expect(answers).toHaveLength(4);
    // Resuming from the last id sends only the final status.
    const resumed = await gw.app.request(`/v1/agent-orchestrations/${id}/events`, {
      headers: bearer(gw.keys.acme, { 'last-event-id': messages.at(-1)?.id ?? '' }),
    });
    const replay = (await readSse(resumed)).filter((m) => m.event);
    expect(replay.map((m) => m.event)).toEqual(['orchestration']);
  });

  it('runs two agents in sequence: the second is sent the first one’s answer', async () => {
    const agents = ['electrical-diagnostician', 'electrical-safety-specialist'];
    const res = await post({ message: 'Disjoncteur qui saute [q-seq]', agents, mode: 'sequential' });
    expect(res.status).toBe(202);
    const view = await settled(((await res.json()) as { id: string }).id);
    expect(view.status).toBe('completed');
    expect(view.children.map((c) => c.status)).toEqual(['completed', 'completed']);

    const requests = requestsFor('q-seq');
    const first = requests.find((r) => agentOf(r) === 'electrical-diagnostician');
    const second = requests.find((r) => agentOf(r) === 'electrical-safety-specialist');
    expect(userText(first)).toBe('Disjoncteur qui saute [q-seq]');
    expect(userText(second)).toContain('Réponse q-seq de electrical-diagnostician.');
    expect(second?.index).toBeGreaterThan(first?.index ?? Number.MAX_SAFE_INTEGER);
    const synthesis = requests.find((r) => agentOf(r) === 'electrical-project-manager');
    expect(userText(synthesis)).toContain('Réponse q-seq de electrical-safety-specialist.');
  });

  it('reports a failed agent with its error; the others and the synthesis are still there', async () => {
    failing.set('q-fail', 'electrical-safety-specialist');
    const agents = ['electrical-calculator', 'electrical-safety-specialist', 'electrical-compliance-checker'];
    const res = await post({ message: 'Mise à la terre [q-fail]', agents, mode: 'parallel' });
    const view = await settled(((await res.json()) as { id: string }).id);
    expect(view.status).toBe('completed');
    const failed = view.children.find((c) => c.agentId === 'electrical-safety-specialist');
    expect(failed?.status).toBe('failed');
    expect(failed?.error?.code).toBe('llm_400');
    expect(view.counts).toEqual({ completed: 2, failed: 1, pending: 0 });
    expect(view.synthesis?.answer).toBe('Synthèse q-fail par le chargé de projet.');
    const synthesis = requestsFor('q-fail').find((r) => agentOf(r) === 'electrical-project-manager');
    const sent = userText(synthesis);
    expect(sent).toContain('Réponse q-fail de electrical-calculator.');
    expect(sent).toContain('Réponse q-fail de electrical-compliance-checker.');
    expect(sent).toContain('llm_400');
  });

  it('goes on down a sequence after a failed step, telling the next agent which one failed', async () => {
    failing.set('q-seqfail', 'electrical-diagnostician');
    const agents = ['electrical-diagnostician', 'electrical-safety-specialist'];
    const res = await post({ message: 'Prise qui chauffe [q-seqfail]', agents, mode: 'sequential' });
    const view = await settled(((await res.json()) as { id: string }).id);
    expect(view.status).toBe('completed');
    expect(view.children.map((c) => c.status)).toEqual(['failed', 'completed']);
    const second = requestsFor('q-seqfail').find((r) => agentOf(r) === 'electrical-safety-specialist');
    expect(userText(second)).toContain('(aucune réponse : llm_400');
    expect(view.synthesis?.answer).toBe('Synthèse q-seqfail par le chargé de projet.');
  });

  it('counts each run against the agent-run rate limit', async () => {
    // 5 points a minute: two agents + the synthesis take 3, the next two-agent request needs 3.
    const gw2 = await startTestGateway({ RATE_LIMIT_AGENT_RUNS: '5/60' });
    try {
      const key = (await createApiKey(gw2.db.handle.db, { org: 'acme', scopes: ['agents:run'] })).key;
      const body = {
        message: 'Limite [q-rl]',
        agents: ['electrical-calculator', 'electrical-diagnostician'],
        mode: 'parallel',
      };
      const first = await gw2.app.request('/v1/agents/orchestrations', {
        method: 'POST',
        headers: bearer(key, { 'content-type': 'application/json' }),
        body: JSON.stringify(body),
      });
      expect(first.status).toBe(202);
      expect(first.headers.get('ratelimit-remaining')).toBe('2');
      const second = await gw2.app.request('/v1/agents/orchestrations', {
        method: 'POST',
        headers: bearer(key, { 'content-type': 'application/json', 'accept-language': 'en' }),
        body: JSON.stringify(body),
      });
      expect(second.status).toBe(429);
      expect(second.headers.get('content-type')).toContain('application/problem+json');
    } finally {
      await gw2.close();
    }
  });
});

describe('OpenAPI', () => {
  it('documents the four orchestration routes with their scope', async () => {
    const doc = (await (await gw.app.request('/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { 'x-required-scope'?: string; responses: Record<string, unknown> }>
      >;
    };
    expect(doc.paths['/v1/agents/orchestrations']?.post?.['x-required-scope']).toBe('agents:run');
    expect(Object.keys(doc.paths['/v1/agents/orchestrations']?.post?.responses ?? {})).toContain('202');
    expect(doc.paths['/v1/agent-orchestrations']?.get?.['x-required-scope']).toBe('agents:run');
    expect(doc.paths['/v1/agent-orchestrations/{id}']?.get?.['x-required-scope']).toBe('agents:run');
    expect(doc.paths['/v1/agent-orchestrations/{id}/events']?.get?.['x-required-scope']).toBe('agents:run');
  });
});

describe('bad input', () => {
  const cases: [string, unknown, string][] = [
    ['an empty agent list', { message: 'Q', agents: [], mode: 'parallel' }, 'agents'],
    [
      'more than 11 agents',
      { message: 'Q', agents: Array.from({ length: 12 }, () => 'electrical-calculator'), mode: 'parallel' },
      'agents',
    ],
    [
      'an unknown agent',
      { message: 'Q', agents: ['electrical-calculator', 'plumber'], mode: 'parallel' },
      'agents.1',
    ],
    [
      'a duplicate agent',
      { message: 'Q', agents: ['electrical-calculator', 'electrical-calculator'], mode: 'parallel' },
      'agents.1',
    ],
    ['an unknown mode', { message: 'Q', agents: ['electrical-calculator'], mode: 'random' }, 'mode'],
    ['an empty message', { message: '  ', agents: ['electrical-calculator'], mode: 'parallel' }, 'message'],
  ];
  it.each(cases)('answers 400 problem+json for %s, in French then English', async (_name, body, path) => {
    const fr = await post(body);
    expect(fr.status).toBe(400);
    expect(fr.headers.get('content-type')).toContain('application/problem+json');
    const frBody = (await fr.json()) as { code: string; errors: { path: string; message: string }[] };
    expect(frBody.code).toBe('validation_failed');
    expect(frBody.errors.map((e) => e.path)).toContain(path);
    const en = await post(body, gw.keys.acme, { 'accept-language': 'en' });
    expect(en.status).toBe(400);
    const enBody = (await en.json()) as { errors: { path: string; message: string }[] };
    const frMessage = frBody.errors.find((e) => e.path === path)?.message;
    const enMessage = enBody.errors.find((e) => e.path === path)?.message;
    expect(enMessage).toBeTruthy();
    expect(enMessage).not.toBe(frMessage);
  });

  it('names the unknown agent in each language', async () => {
    const body = { message: 'Q', agents: ['plumber'], mode: 'parallel' };
    const fr = (await (await post(body)).json()) as { errors: { message: string }[] };
    expect(fr.errors[0]?.message).toBe('Agent inconnu : « plumber » (voir GET /v1/agents).');
    const en = (await (await post(body, gw.keys.acme, { 'accept-language': 'en' })).json()) as {
      errors: { message: string }[];
    };
    expect(en.errors[0]?.message).toBe('Unknown agent: "plumber" (see GET /v1/agents).');
  });

  it('answers 404 for another organisation’s plan and orchestration, 403 without agents:run', async () => {
    const plan = await gw.app.request('/v1/agents/orchestrations', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
      body: JSON.stringify({
        message: 'Q',
        agents: ['electrical-calculator'],
        mode: 'parallel',
        planId: '00000000-0000-4000-8000-000000000000',
      }),
    });
    expect(plan.status).toBe(404);
    const ok = await post({
      message: 'À qui ? [q-own]',
      agents: ['electrical-calculator'],
      mode: 'parallel',
    });
    const { id } = (await ok.json()) as { id: string };
    const other = await gw.app.request(`/v1/agent-orchestrations/${id}`, { headers: bearer(gw.keys.other) });
    expect(other.status).toBe(404);
    // Listed for its organisation only.
    const mine = (await (
      await gw.app.request('/v1/agent-orchestrations', { headers: bearer(gw.keys.acme) })
    ).json()) as { items: { id: string }[] };
    expect(mine.items[0]?.id).toBe(id);
    const theirs = (await (
      await gw.app.request('/v1/agent-orchestrations', { headers: bearer(gw.keys.other) })
    ).json()) as { items: { id: string }[] };
    expect(theirs.items).toEqual([]);
    const otherEvents = await gw.app.request(`/v1/agent-orchestrations/${id}/events`, {
      headers: bearer(gw.keys.other),
    });
    expect(otherEvents.status).toBe(404);
    const readOnly = await post(
      { message: 'Q', agents: ['electrical-calculator'], mode: 'parallel' },
      gw.keys.acmeReadOnly,
    );
    expect(readOnly.status).toBe(403);
    await settled(id);
  });
});
