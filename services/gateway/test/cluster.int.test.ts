import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  deleteQueuePrefix,
  getFreePort,
  type RunningService,
  startService,
  type TestDatabase,
  testRedisUrl,
  uniqueName,
  waitHealthy,
} from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * GATEWAY_PROCESSES=2 (node:cluster): two gateway processes answer on one port, requests are
 * spread over both, the first alone serves METRICS_PORT with the sum of both processes' metrics,
 * and SIGTERM stops them all.
 */
let db: TestDatabase;
let gateway: RunningService;
let base: string;
let metricsPort: number;
const prefix = uniqueName('gwcluster');
const dataDir = mkdtempSync(join(tmpdir(), 'saeq-gwcluster-'));
const key = `saeq_cluster_${'k'.repeat(32)}`;

beforeAll(async () => {
  db = await createTestDatabase();
  const port = await getFreePort();
  metricsPort = await getFreePort();
  gateway = startService('gateway', {
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: prefix,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    METRICS_HOST: '127.0.0.1',
    METRICS_PORT: String(metricsPort),
    BOOTSTRAP_API_KEY: key,
    GATEWAY_PROCESSES: '2',
    LOG_LEVEL: 'http',
  });
  base = `http://127.0.0.1:${port}`;
  // Three processes load the gateway (the primary, then two forks) on a machine that may be busy.
  await waitHealthy(`${base}/health`, 120_000).catch((err: unknown) => {
    throw new Error(`${String(err)}\n${gateway.output()}`);
  });
}, 150_000);
afterAll(async () => {
  gateway?.kill('SIGKILL');
  await db?.drop();
  await deleteQueuePrefix(prefix);
  rmSync(dataDir, { recursive: true, force: true });
});

/** The pids named by the access-log lines of requests sent with user agent `ua` (each process tags its lines). */
function servingPids(output: string, ua: string): Set<number> {
  const pids = new Set<number>();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { msg?: string; ua?: string; pid?: number };
    if (entry.msg === 'request' && entry.ua === ua && entry.pid) pids.add(entry.pid);
  }
  return pids;
}

describe('GATEWAY_PROCESSES=2', () => {
  it('two processes answer on the same port, both serving requests', async () => {
    // /health answered as soon as the first listened; the second may still be loading.
    const listening = () =>
      gateway
        .output()
        .split('\n')
        .filter((l) => l.includes('"gateway listening"'));
    for (let waited = 0; listening().length < 2 && waited < 90_000; waited += 250)
      await new Promise((r) => setTimeout(r, 250));
    expect(listening()).toHaveLength(2);
    // New connection per request: the primary hands each to the next process in turn.
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${base}/v1/agents`, {
        headers: { authorization: `Bearer ${key}`, connection: 'close', 'user-agent': 'cluster-test' },
      });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(servingPids(gateway.output(), 'cluster-test').size).toBe(2);
  }, 120_000);

  it("serves on METRICS_PORT the sum of both processes' metrics", async () => {
    // Requests without a key (401: nothing else in this file answers 401), each on a new
    // connection, so both processes answer some of them.
    const ua = 'cluster-metrics-test';
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${base}/v1/agents`, { headers: { connection: 'close', 'user-agent': ua } });
      expect(res.status).toBe(401);
      await res.arrayBuffer();
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(servingPids(gateway.output(), ua).size).toBe(2);

    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    // Either process alone counted only its share; the scrape sums both.
    const unauthorised = [...text.matchAll(/^http_request_duration_seconds_count\{([^}]*)\} (\d+)$/gm)]
      .filter(([, labels]) => labels?.includes('status="401"'))
      .reduce((sum, [, , n]) => sum + Number(n), 0);
    expect(unauthorised).toBe(10);
    expect(text).toMatch(/^saeq_gateway_processes\{[^}]*state="counted"\} 2$/m);
    expect(text).toMatch(/^saeq_gateway_processes\{[^}]*state="missing"\} 0$/m);
    // One exposition per metric (aggregated), not one per process.
    expect(text.match(/^# TYPE http_request_duration_seconds histogram$/gm)).toHaveLength(1);
  }, 30_000);

  it('stops every process on SIGTERM', async () => {
    gateway.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
    expect(gateway.output()).toContain('gateway processes stopped');
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  }, 40_000);
});
