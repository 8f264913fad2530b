import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { agentRuns, createDb, organisations } from '@saeq/shared/db';
import { createTestDatabase, deleteQueuePrefix, testRedisUrl, uniqueName } from '@saeq/testing';
import { Queue } from 'bullmq';
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import { runAutocannon } from './autocannon-process.ts';
import { listenOnLoopback, startBenchGateway } from './bench-gateway.ts';
import { benchEnvironment, disposeBenchEnvironment } from './worker-fleet.ts';

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

/**
 * autocannon on `url` at the run's concurrency (the JSON payload for POSTs); CPU per request is
 * this process's during the load only.
 */
async function measureLoad(url: string, method: 'GET' | 'POST', headers: Record<string, string> = {}) {
  const cpuBefore = process.cpuUsage();
  const result = await runAutocannon({
    url,
    method,
    connections: concurrency,
    seconds,
    ...(method === 'POST'
      ? { headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(payload) }
      : { headers }),
  });
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMsPerRequest = (cpu.user + cpu.system) / 1000 / Math.max(1, result.requests);
  return { rate: result.rate, p99: result.p99, errors: result.errors, cpuMsPerRequest };
}

async function gatewayPost(): Promise<Measured> {
  const env = await benchEnvironment('enqueue');
  const gateway = await startBenchGateway(env, { scopes: ['admin'], env: { DATABASE_POOL_MAX: '20' } });
  await gateway.deps.queues.agentRun.pause();
  const measured = await measureLoad(`${gateway.url}/v1/agents/electrical-calculator/runs`, 'POST', {
    authorization: `Bearer ${gateway.key}`,
  });
  await gateway.deps.queues.agentRun.obliterate({ force: true });
  await gateway.close();
  await disposeBenchEnvironment(env, []);
  return measured;
}

/** Serves `app` on a loopback port and loads `path` with autocannon. */
async function loadApp(app: Hono, path: string, method: 'GET' | 'POST'): Promise<Measured> {
  const server = await listenOnLoopback(app.fetch);
  const measured = await measureLoad(`${server.url}${path}`, method);
  server.close();
  return measured;
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
  const gw = await gatewayPost();
  await deleteQueuePrefix(prefix);
  console.log(`gateway: ${gw.rate.toFixed(0)} req/s, ${gw.cpuMsPerRequest.toFixed(3)} ms CPU/request`);
  process.exit(0);
}
const raw = await rawQueueAdd(prefix);
const gw = await gatewayPost();
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
