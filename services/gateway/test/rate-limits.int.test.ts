import { createApiKey } from '@saeq/shared/auth';
import { createLogger } from '@saeq/shared/logger';
import { type RunningService, startService, testRedisUrl, waitHealthy } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { buildGatewayDeps } from '../src/build-deps.ts';
import { loadGatewayEnv } from '../src/env.ts';
import { bearer, startTestGateway, type TestGateway } from './harness.ts';

const limits = {
  RATE_LIMIT_GENERAL: '5/60',
  RATE_LIMIT_READS: '5/60',
  RATE_LIMIT_AGENT_RUNS: '2/60',
  RATE_LIMIT_ANONYMOUS: '3/60',
};
let gw: TestGateway;
let second: RunningService;
let secondUrl: string;

beforeAll(async () => {
  gw = await startTestGateway(limits);
  const port = 19_700 + Math.floor(Math.random() * 90);
  second = startService('gateway', {
    DATABASE_URL: gw.db.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: gw.prefix,
    DATA_DIR: gw.dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    ...limits,
  });
  secondUrl = `http://127.0.0.1:${port}`;
  await waitHealthy(`${secondUrl}/health`, 30_000);
}, 60_000);
afterAll(async () => {
  second?.kill('SIGTERM');
  await second?.exited;
  await gw?.close();
});

describe('rate limits', () => {
  it('lets exactly the configured number through, then 429 with Retry-After and RateLimit headers', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await gw.app.request('/v1/plans', { headers: bearer(gw.keys.acme) });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last?.headers.get('ratelimit-policy')).toBe('"reads";q=5;w=60');
    expect(last?.headers.get('ratelimit')).toMatch(/^"reads";r=0;t=\d+$/);
    const problem = (await last?.json()) as { code: string; status: number };
    expect(problem).toMatchObject({ code: 'rate_limited', status: 429 });
    // Health is exempt (metrics are on METRICS_PORT, outside the API).
    for (let i = 0; i < 10; i++) expect((await gw.app.request('/health')).status).toBe(200);
  });

  it('budgets reads apart from writes: polling that used up its reads can still submit, and the reverse', async () => {
    const { key } = await createApiKey(gw.db.handle.db, { org: 'poller', scopes: ['calc', 'plans:read'] });
    const read = () => gw.app.request('/v1/plans', { headers: bearer(key) });
    const write = () =>
      gw.app.request('/v1/calculations/voltage-drop', {
        method: 'POST',
        headers: bearer(key, { 'content-type': 'application/json' }),
        body: JSON.stringify({}),
      });
    for (let i = 0; i < 5; i++) expect((await read()).status).toBe(200);
    expect((await read()).status).toBe(429);
    // The write budget is untouched: a bad body gets its 400, not a 429.
    const firstWrite = await write();
    expect(firstWrite.status).toBe(400);
    expect(firstWrite.headers.get('ratelimit-policy')).toBe('"general";q=5;w=60');
    for (let i = 0; i < 4; i++) expect((await write()).status).toBe(400);
    expect((await write()).status).toBe(429);
  });

  it('shares one budget between two gateway processes', async () => {
    const key = gw.keys.other;
    const here = await gw.app.request('/v1/plans', { headers: bearer(key) });
    expect(here.headers.get('ratelimit-remaining')).toBe('4');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await fetch(`${secondUrl}/v1/plans`, { headers: bearer(key) })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  it('applies the agent-run limit on top of the general one', async () => {
    const { key } = await createApiKey(gw.db.handle.db, { org: 'third', scopes: ['agents:run'] });
    const post = () =>
      gw.app.request('/v1/agents/electrical-calculator/runs', {
        method: 'POST',
        headers: bearer(key, { 'content-type': 'application/json' }),
        body: JSON.stringify({ message: 'Calibre?' }),
      });
    const first = await post();
    const second = await post();
    const third = await post();
    expect([first.status, second.status, third.status]).toEqual([202, 202, 429]);
    expect(third.headers.get('ratelimit-policy')).toBe('"agentRuns";q=2;w=60');
  });

  it('limits requests without a valid key per client IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await fetch(`${secondUrl}/v1/plans`, { headers: bearer('saeq_wrong_key_wrong_key_wrong') })).status,
      );
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('fails open for reads and closed for writes when Redis is down', async () => {
    const env = loadGatewayEnv({
      DATABASE_URL: gw.db.url,
      REDIS_URL: 'redis://127.0.0.1:1', // nothing listens there
      QUEUE_PREFIX: gw.prefix,
      DATA_DIR: gw.dataDir,
      LOG_LEVEL: 'silent',
      ...limits,
    });
    const deps = await buildGatewayDeps(env, createLogger({ service: 'test', level: 'silent' }));
    try {
      const app = createApp(deps);
      const read = await app.request('/v1/plans', { headers: bearer(gw.keys.acme) });
      expect(read.status).toBe(200);
      const write = await app.request('/v1/agents/electrical-calculator/runs', {
        method: 'POST',
        headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
        body: JSON.stringify({ message: 'Redis est en panne?' }),
      });
      expect(write.status).toBe(503);
      expect(write.headers.get('retry-after')).toBe('5');
      const ready = await app.request('/health/ready');
      expect(ready.status).toBe(503);
      // /health/detailed (operator) reports Redis as down, Postgres and storage as up.
      const detailed = await app.request('/health/detailed', { headers: bearer(gw.keys.operator) });
      expect(detailed.status).toBe(503);
      const body = (await detailed.json()) as {
        status: string;
        dependencies: Record<string, { ok: boolean }>;
      };
      expect(body.status).toBe('degraded');
      expect(body.dependencies.redis?.ok).toBe(false);
      expect(body.dependencies.postgres?.ok).toBe(true);
      expect(body.dependencies.storage?.ok).toBe(true);
    } finally {
      await deps.close();
    }
  });
});
