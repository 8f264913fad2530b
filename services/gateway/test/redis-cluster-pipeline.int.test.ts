import { queues } from '@saeq/shared/queues';
import {
  buildTextPdf,
  type FakeAnthropic,
  hasRedisClusterBinaries,
  startFakeAnthropic,
  startRedisCluster,
  type TestRedisCluster,
  waitFor,
} from '@saeq/testing';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunEventHub } from '../src/use-cases/agent-run-events.ts';
import { bearer, type RunningWorkers, startTestGateway, startWorkers, type TestGateway } from './harness.ts';

// REDIS_CLUSTER_NODES: the gateway and the workers run the pipeline (upload → analysis →
// compliance → BOM) and an agent orchestration (a BullMQ flow) on a real 3-primary Redis Cluster
// on loopback, not the shared Redis. Each BullMQ script touches several keys; without the
// `{prefix}` hash tag they would answer CROSSSLOT. The model is the fake Anthropic server.

const available = hasRedisClusterBinaries();
if (!available) console.log('redis-cluster pipeline: skipped (redis-server or redis-cli not on PATH)');

let cluster: TestRedisCluster;
let gw: TestGateway;
let workers: RunningWorkers;
let fake: FakeAnthropic;

describe.skipIf(!available)('pipeline on a Redis Cluster', () => {
  beforeAll(async () => {
    cluster = await startRedisCluster();
    gw = await startTestGateway(cluster.env);
    fake = await startFakeAnthropic({
      handler: () => ({ type: 'text', text: 'Réponse.', usage: { input_tokens: 50, output_tokens: 5 } }),
    });
    const agentsEnv = { ...cluster.env, ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.url };
    workers = await startWorkers(
      gw,
      [
        { name: 'worker-pdf', env: cluster.env },
        { name: 'worker-bom', env: cluster.env },
        { name: 'worker-agents', env: agentsEnv },
      ],
      { readyTimeoutMs: 60_000 },
    );
  }, 120_000);

  afterAll(async () => {
    await workers?.stop();
    await fake?.close();
    await gw?.close();
    await cluster?.stop();
  });

  it('analyses an upload to its BOM with every queue key in one slot of the cluster', async () => {
    expect(gw.deps.redis).toBeInstanceOf(Cluster);
    expect(gw.deps.env.QUEUE_PREFIX).toBe(`{${gw.prefix}}`);

    const pdf = await buildTextPdf(['PLAN ÉLECTRIQUE — REZ-DE-CHAUSSÉE', 'ÉCHELLE 1:50']);
    const form = new FormData();
    form.set('file', new File([pdf], 'rdc.pdf', { type: 'application/pdf' }));
    const res = await gw.app.request('/v1/plans', {
      method: 'POST',
      body: form,
      headers: bearer(gw.keys.acme),
    });
    expect(res.status).toBe(202);
    // The rate-limit script ran on the cluster (its keys share the queues' slot).
    expect(res.headers.get('RateLimit-Remaining')).toMatch(/^\d+$/);
    const { id } = (await res.json()) as { id: string };

    const plan = await waitFor(
      async () => {
        const r = await gw.app.request(`/v1/plans/${id}`, { headers: bearer(gw.keys.acme) });
        const p = (await r.json()) as { status: string };
        return p.status === 'completed' || p.status === 'failed' ? p : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'plan settled' },
    );
    expect(plan.status).toBe('completed');
    const bom = await gw.app.request(`/v1/plans/${id}/bom`, { headers: bearer(gw.keys.acme) });
    expect(bom.status).toBe(200);
    expect((await gw.app.request('/health/ready')).status).toBe(200);

    // Every key of the run sits on the one primary that serves the prefix's slot; the others
    // hold none of them.
    const redis = gw.deps.redis as Cluster;
    const pattern = `{${gw.prefix}}:*`;
    const perNode = await Promise.all(
      redis.nodes('master').map(async (node) => ({ node, keys: await node.keys(pattern) })),
    );
    const holding = perNode.filter((n) => n.keys.length > 0);
    expect(holding).toHaveLength(1);
    const [owner] = holding;
    if (!owner) throw new Error('no node holds the run');
    expect(owner.keys.some((k) => k.includes(`:${queues.planAnalysis.name}:`))).toBe(true);
    expect(owner.keys.some((k) => k.includes(`:${queues.planBom.name}:`))).toBe(true);
    expect(owner.keys.some((k) => k.includes(':rl:'))).toBe(true);
    const slot = Number(await owner.node.cluster('KEYSLOT', `{${gw.prefix}}`));
    expect(Number(await owner.node.cluster('COUNTKEYSINSLOT', slot))).toBe(owner.keys.length);
  }, 90_000);

  it('delivers agent-run events through a subscriber duplicated from the cluster connection', async () => {
    const hub = new RunEventHub(gw.deps.redis, gw.deps.logger);
    const channel = `{${gw.prefix}}:test-events`;
    const received: number[] = [];
    const unsubscribe = await hub.subscribe(channel, (event) => received.push(event.seq));
    try {
      // Published on any node, delivered through the cluster bus to the subscriber's node.
      await gw.deps.redis.publish(channel, JSON.stringify({ seq: 7, type: 'status' }));
      await waitFor(async () => received.length > 0, { timeoutMs: 5000, what: 'event delivered' });
      expect(received).toEqual([7]);
    } finally {
      await unsubscribe();
    }
  });

  it('runs an agent orchestration (a flow: two runs, then the synthesis) to completion', async () => {
    const res = await gw.app.request('/v1/agents/orchestrations', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
      body: JSON.stringify({
        message: 'Quel calibre pour un panneau de 200 A ?',
        agents: ['electrical-calculator', 'electrical-safety-specialist'],
        mode: 'parallel',
      }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    type View = { status: string; counts: Record<string, number>; synthesis: { status: string } | null };
    const view = await waitFor(
      async () => {
        const r = await gw.app.request(`/v1/agent-orchestrations/${id}`, { headers: bearer(gw.keys.acme) });
        const v = (await r.json()) as View;
        return v.status === 'completed' || v.status === 'failed' ? v : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'orchestration settled' },
    );
    expect(view.status).toBe('completed');
    expect(view.counts).toEqual({ completed: 2, failed: 0, pending: 0 });
    expect(view.synthesis?.status).toBe('completed');
  }, 60_000);
});
