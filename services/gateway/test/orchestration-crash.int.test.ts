import { type FakeAnthropic, startFakeAnthropic } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type RunningWorkers, startTestGateway, startWorkers, type TestGateway } from './harness.ts';

// Issue 19, reliability: worker-agents SIGKILLed while the members of an orchestration are
// with the model. Another worker takes the stalled member jobs over (BullMQ lock expiry), the
// flow's synthesis still runs last, and nothing is lost: every member answers once.

let gw: TestGateway;
let fake: FakeAnthropic;
const workerEnv = () => ({
  ANTHROPIC_API_KEY: 'test-key',
  ANTHROPIC_BASE_URL: fake.url,
  WORKER_LOCK_DURATION_MS: '2000',
  AGENT_CONCURRENCY: '4',
});

beforeAll(async () => {
  gw = await startTestGateway();
  fake = await startFakeAnthropic({
    // Slow members: the first worker is killed while they wait for the model.
    handler: (request) => {
      const first = request.body.messages[0];
      const text = typeof first?.content === 'string' ? first.content : JSON.stringify(first?.content);
      return text.includes('Réponses des')
        ? { type: 'text', text: 'Synthèse après la panne.' }
        : { type: 'text', text: `Réponse ${request.index}.`, delayMs: 1500 };
    },
  });
}, 60_000);

afterAll(async () => {
  await fake?.close();
  await gw?.close();
});

describe('orchestration with a worker killed mid-flow', () => {
  it('completes on another worker, the synthesis last', async () => {
    let first: RunningWorkers | undefined = await startWorkers(
      gw,
      [{ name: 'worker-agents', env: workerEnv() }],
      {
        readyTimeoutMs: 45_000,
      },
    );
    let second: RunningWorkers | undefined;
    try {
      const res = await gw.app.request('/v1/agents/orchestrations', {
        method: 'POST',
        headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
        body: JSON.stringify({
          message: 'Question pendant la panne',
          agents: ['electrical-calculator', 'electrical-diagnostician'],
          mode: 'parallel',
        }),
      });
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as { id: string };
      // Both members are with the model (the fake waits 1.5 s): kill the worker.
      const deadline = Date.now() + 20_000;
      while (fake.requests.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(fake.requests.length).toBeGreaterThanOrEqual(2);
      for (const s of first.services) s.kill('SIGKILL');
      await Promise.all(first.services.map((s) => s.exited));
      first = undefined;

      second = await startWorkers(gw, [{ name: 'worker-agents', env: workerEnv() }], {
        readyTimeoutMs: 45_000,
      });
      let view: {
        status: string;
        children: { status: string; answer: string | null; finishedAt: string | null }[];
        synthesis: { answer: string | null; startedAt: string | null } | null;
      } = { status: 'queued', children: [], synthesis: null };
      const until = Date.now() + 60_000;
      while (Date.now() < until) {
        const got = await gw.app.request(`/v1/agent-orchestrations/${id}`, { headers: bearer(gw.keys.acme) });
        view = (await got.json()) as typeof view;
        if (view.status === 'completed' || view.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(view.status).toBe('completed');
      expect(view.children.map((c) => c.status)).toEqual(['completed', 'completed']);
      expect(view.synthesis?.answer).toBe('Synthèse après la panne.');
      const lastMember = Math.max(...view.children.map((c) => Date.parse(c.finishedAt ?? '')));
      expect(Date.parse(view.synthesis?.startedAt ?? '')).toBeGreaterThanOrEqual(lastMember);
      // The members were asked again after the crash (2 before, 2 after), the synthesis once.
      const synthesisRequests = fake.requests.filter((r) =>
        JSON.stringify(r.body?.messages).includes('Réponses des'),
      );
      expect(synthesisRequests).toHaveLength(1);
      expect(fake.requests.length).toBe(5);
    } finally {
      await first?.stop();
      await second?.stop();
    }
  }, 120_000);
});
