/**
 * Enqueue path benchmark (issue 3): requests/s of `POST /v1/agents/{id}/runs` through the real
 * gateway (HTTP, auth, validation, Postgres insert, Queue.add) against raw BullMQ `Queue.add` of
 * the same payload at the same concurrency, in the same run, consumers paused so both sides
 * measure only the producer path (../shared/BENCHMARKS.md). Prints the ratio.
 *
 *   pnpm bench:enqueue [--seconds 8] [--concurrency 32]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { createApiKey } from '@saeq/shared/auth';
import { agentRuns, createDb, organisations } from '@saeq/shared/db';
import { createLogger } from '@saeq/shared/logger';
import { createTestDatabase, deleteQueuePrefix, testRedisUrl, uniqueName } from '@saeq/testing';
import { Queue } from 'bullmq';
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import { createApp } from '../services/gateway/src/app.ts';
import { buildGatewayDeps } from '../services/gateway/src/build-deps.ts';
import { loadGatewayEnv } from '../services/gateway/src/env.ts';
import { runAutocannon } from './autocannon-process.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '32' },
    // `--gateway-only` runs just the gateway side, e.g. under `node --cpu-prof` to profile it.
    'gateway-only': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const payload = { message: 'Quel calibre pour un circuit de 40 A en cuivre 75 °C?' };

async function rawQueueAdd(prefix: string): Promise<number> {
  const connection = new Redis(testRedisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('bench-raw', { connection, prefix });
  await queue.pause();
  let done = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        await queue.add('agent-run', {
          runId: crypto.randomUUID(),
          organisationId: crypto.randomUUID(),
          agentId: 'electrical-calculator',
          ...payload,
        });
        done++;
      }
    }),
  );
  const rate = done / ((performance.now() - started) / 1000);
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return rate;
}

type Measured = { rate: number; p99: number; errors: number; cpuMsPerRequest: number };

async function gatewayPost(prefix: string): Promise<Measured> {
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'saeq-bench-'));
  const env = loadGatewayEnv({
    DATABASE_URL: db.url,
    DATABASE_POOL_MAX: '20',
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: prefix,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    // Limits stay on (their Redis round trip is part of the path) but never trip.
    RATE_LIMIT_GENERAL: '1000000000/60',
    RATE_LIMIT_AGENT_RUNS: '1000000000/60',
  });
  const deps = await buildGatewayDeps(env, createLogger({ service: 'bench', level: 'silent' }));
  await deps.queues.agentRun.pause();
  const { key } = await createApiKey(db.handle.db, { org: 'bench', scopes: ['admin'] });
  const server = serve({ fetch: createApp(deps).fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const cpuBefore = process.cpuUsage();
  const result = await runAutocannon({
    url: `http://127.0.0.1:${port}/v1/agents/electrical-calculator/runs`,
    method: 'POST',
    connections: concurrency,
    seconds,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  server.close();
  await deps.queues.agentRun.obliterate({ force: true });
  await deps.close();
  await db.drop();
  rmSync(dataDir, { recursive: true, force: true });
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMsPerRequest = (cpu.user + cpu.system) / 1000 / Math.max(1, result.requests);
  return { rate: result.rate, p99: result.p99, errors: result.errors, cpuMsPerRequest };
}

/** Serves `app` on a loopback port and loads `path` with autocannon; this process's CPU per request. */
async function loadApp(app: Hono, path: string, method: 'GET' | 'POST'): Promise<Measured> {
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const cpuBefore = process.cpuUsage();
  const result = await runAutocannon({
    url: `http://127.0.0.1:${port}${path}`,
    method,
    connections: concurrency,
    seconds,
    ...(method === 'POST'
      ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) }
      : {}),
  });
  const cpu = process.cpuUsage(cpuBefore);
  server.close();
  const cpuMsPerRequest = (cpu.user + cpu.system) / 1000 / Math.max(1, result.requests);
  return { rate: result.rate, p99: result.p99, errors: result.errors, cpuMsPerRequest };
}

/**
 * What HTTP alone allows on this machine, measured in the same run (the anchors of
 * ../shared/BENCHMARKS.md): Hono's `GET /hello`, and `POST` → `Queue.add` → 202 with no durable
 * write. When even these stay under 70 % of raw `Queue.add`, no gateway on one process can reach
 * it here, whatever its middleware; the ratio to read is then the one against the minimal
 * durable handler.
 */
async function httpCeilings(prefix: string): Promise<{ hello: Measured; postAdd: Measured }> {
  const hello = await loadApp(
    new Hono().get('/hello', (c) => c.text('hello')),
    '/hello',
    'GET',
  );
  const connection = new Redis(testRedisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('bench-post-add', { connection, prefix });
  await queue.pause();
  const postAdd = await loadApp(
    new Hono().post('/runs', async (c) => {
      const body = (await c.req.json()) as { message: string };
      const job = await queue.add('agent-run', { runId: crypto.randomUUID(), message: body.message });
      return c.json({ id: job.id }, 202);
    }),
    '/runs',
    'POST',
  );
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return { hello, postAdd };
}

/**
 * Reference from ../shared/BENCHMARKS.md: the smallest Hono handler doing the same durable work
 * (one INSERT of the run row, then Queue.add, then 202), no auth, no limits, no batching. The
 * gateway against it is the cost (or gain) of everything we add around the durable write.
 */
async function minimalDurableHandler(prefix: string): Promise<Measured> {
  const db = await createTestDatabase();
  // Same pool size as the gateway's above, so neither side is starved of connections.
  const handle = await createDb({ databaseUrl: db.url, dataDir: '/nonexistent', poolMax: 20 });
  const connection = new Redis(testRedisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('bench-minimal', { connection, prefix });
  await queue.pause();
  const [org] = await handle.db
    .insert(organisations)
    .values({ slug: 'bench-minimal', name: 'bench-minimal' })
    .returning({ id: organisations.id });
  const organisationId = org?.id ?? '';
  const app = new Hono().post('/runs', async (c) => {
    const body = (await c.req.json()) as { message: string };
    const [row] = await handle.db
      .insert(agentRuns)
      .values({ organisationId, agentId: 'electrical-calculator', message: body.message, lang: 'fr' })
      .returning({ id: agentRuns.id });
    await queue.add('agent-run', { runId: row?.id, organisationId, agentId: 'electrical-calculator' });
    return c.json({ id: row?.id }, 202);
  });
  const measured = await loadApp(app, '/runs', 'POST');
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  await handle.close();
  await db.drop();
  return measured;
}

const prefix = uniqueName('bench');
if (values['gateway-only']) {
  const gw = await gatewayPost(prefix);
  await deleteQueuePrefix(prefix);
  console.log(`gateway: ${gw.rate.toFixed(0)} req/s, ${gw.cpuMsPerRequest.toFixed(3)} ms CPU/request`);
  process.exit(0);
}
const raw = await rawQueueAdd(prefix);
const gw = await gatewayPost(prefix);
const minimal = await minimalDurableHandler(prefix);
const ceilings = await httpCeilings(prefix);
await deleteQueuePrefix(prefix);
const ratio = gw.rate / raw;
const row = (name: string, m: Measured) =>
  console.log(
    `${name.padEnd(34)}${m.rate.toFixed(0)} req/s (p99 ${m.p99} ms, ${m.errors} errors, ${m.cpuMsPerRequest.toFixed(3)} ms CPU/request) = ${((m.rate / raw) * 100).toFixed(1)} % of raw`,
  );
console.log(
  `concurrency ${concurrency}, ${seconds} s each, Node ${process.version}, load average ${loadavg()[0]?.toFixed(1)}`,
);
console.log(`${'raw Queue.add:'.padEnd(34)}${raw.toFixed(0)} jobs/s`);
row('gateway POST /v1/agents/…/runs:', gw);
row('minimal Hono INSERT + Queue.add:', minimal);
row('ceiling: Hono POST → Queue.add:', ceilings.postAdd);
row('ceiling: Hono GET /hello:', ceilings.hello);
console.log(`ratio gateway / raw Queue.add:    ${(ratio * 100).toFixed(1)} %`);
console.log(`ratio gateway / minimal handler:  ${((gw.rate / minimal.rate) * 100).toFixed(1)} %`);
