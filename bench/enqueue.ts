import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { agentRuns, createDb, organisations } from '@saeq/shared/db';
import {
  createTestDatabase,
  deleteQueuePrefix,
  type TestDatabase,
  testRedisUrl,
  uniqueName,
} from '@saeq/testing';
import { Queue } from 'bullmq';
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import { type RedisPersistence, startOwnRedis } from '../scripts/chaos/lib/infra.ts';
import { runAutocannon } from './autocannon-process.ts';
import { type GatewayProcess, listenOnLoopback, spawnGateway, startBenchGateway } from './bench-gateway.ts';
import { benchEnvironment, disposeBenchEnvironment } from './worker-fleet.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '32' },
    // `--gateway-only` runs just the gateway side, e.g. under `node --cpu-prof` to profile it.
    'gateway-only': { type: 'boolean', default: false },
    // Interleaved rounds per Redis setting; medians are reported.
    rounds: { type: 'string', default: '3' },
    // Another checkout of this repository (e.g. /work/main): its gateway runs beside ours in
    // every round, the before/after pair of one run.
    before: { type: 'string' },
    // Only the comparisons, one Redis setting: `always` or `none`.
    setting: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const payload = { message: 'Quel calibre pour un circuit de 40 A en cuivre 75 °C?' };

async function rawQueueAdd(prefix: string, redisUrl = testRedisUrl): Promise<number> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
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
async function startMinimalDurableHandler(
  prefix: string,
  redisUrl: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const db = await createTestDatabase();
  // Same pool size as the gateway's, so neither side is starved of connections.
  const handle = await createDb({ databaseUrl: db.url, dataDir: '/nonexistent', poolMax: 20 });
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
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
  const server = await listenOnLoopback(app.fetch);
  return {
    url: server.url,
    close: async () => {
      server.close();
      await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
      await handle.close();
      await db.drop();
    },
  };
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

type Contender = { name: string; url: string; headers: Record<string, string> };

/**
 * Under one Redis persistence setting (a private redis-server: the shared one is never
 * reconfigured), the contenders loaded in turn, `rounds` times, the order reversed every other
 * round so that neither side always runs first on a machine whose load drifts; medians. The
 * gateways are real processes (`node services/gateway/src/main.ts`, 1 and 2 of them behind one
 * port), the minimal durable handler runs in this process; each has its own database.
 */
async function compareUnder(persistence: RedisPersistence, rounds: number) {
  const redis = await startOwnRedis(persistence);
  const prefix = uniqueName('bench');
  // Whatever was started is stopped and removed, also when a gateway fails to start.
  const started: { contender: Contender; gateway: GatewayProcess; db: TestDatabase; dataDir: string }[] = [];
  let minimal: Awaited<ReturnType<typeof startMinimalDurableHandler>> | undefined;
  try {
    const raw = await rawQueueAdd(prefix, redis.url);
    minimal = await startMinimalDurableHandler(prefix, redis.url);
    const root = join(dirname(fileURLToPath(import.meta.url)), '..');
    const checkouts: { label: string; checkout: string; processes: number; poolMax: number }[] = [
      // The same total pool size everywhere (the minimal handler's is 20).
      { label: 'gateway, 1 process', checkout: root, processes: 1, poolMax: 20 },
      { label: 'gateway, 2 processes', checkout: root, processes: 2, poolMax: 10 },
      ...(values.before
        ? [{ label: 'before (main)', checkout: values.before, processes: 1, poolMax: 20 }]
        : []),
    ];
    for (const c of checkouts) {
      const db = await createTestDatabase();
      const dataDir = mkdtempSync(join(tmpdir(), 'saeq-bench-enqueue-'));
      const key = `saeq_bench_${crypto.randomUUID().replaceAll('-', '')}`;
      const gateway = await spawnGateway({
        checkout: c.checkout,
        databaseUrl: db.url,
        redisUrl: redis.url,
        prefix,
        dataDir,
        key,
        processes: c.processes,
        env: { DATABASE_POOL_MAX: String(c.poolMax) },
      }).catch(async (err: unknown) => {
        await db.drop();
        rmSync(dataDir, { recursive: true, force: true });
        throw err;
      });
      started.push({
        contender: {
          name: c.label,
          url: `${gateway.url}/v1/agents/electrical-calculator/runs`,
          headers: { authorization: `Bearer ${key}` },
        },
        gateway,
        db,
        dataDir,
      });
    }
    const contenders: Contender[] = [
      { name: 'minimal Hono INSERT + Queue.add', url: `${minimal.url}/runs`, headers: {} },
      ...started.map((s) => s.contender),
    ];
    const results = new Map<string, Measured[]>(contenders.map((c) => [c.name, []]));
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? contenders : [...contenders].reverse();
      for (const c of order) results.get(c.name)?.push(await measureLoad(c.url, 'POST', c.headers));
    }
    return { raw, results };
  } finally {
    for (const s of started) {
      await s.gateway.stop();
      await s.db.drop();
      rmSync(s.dataDir, { recursive: true, force: true });
    }
    await minimal?.close();
    // The private Redis goes with its data.
    await redis.destroy();
  }
}

/** Medians of each contender's rounds. */
function summarise(results: Map<string, Measured[]>) {
  const summary = [...results].map(([name, runs]) => ({
    name,
    rate: median(runs.map((r) => r.rate)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    rates: runs.map((r) => Math.round(r.rate)),
  }));
  return summary;
}

const settingLabel: Record<RedisPersistence, string> = {
  always: 'appendfsync always',
  everysec: 'appendfsync everysec',
  none: 'no AOF (Redis default)',
};

const prefix = uniqueName('bench');
if (values['gateway-only']) {
  const gw = await gatewayPost();
  await deleteQueuePrefix(prefix);
  console.log(`gateway: ${gw.rate.toFixed(0)} req/s, ${gw.cpuMsPerRequest.toFixed(3)} ms CPU/request`);
  process.exit(0);
}
console.log(
  `concurrency ${concurrency}, ${seconds} s each, Node ${process.version}, load average ${loadavg()[0]?.toFixed(1)}`,
);
if (!values.setting) {
  // The ceilings of HTTP on this machine, against the shared Redis (no durability question here).
  const raw = await rawQueueAdd(prefix);
  const gw = await gatewayPost();
  const ceilings = await httpCeilings(prefix);
  await deleteQueuePrefix(prefix);
  const row = (name: string, m: Measured) =>
    console.log(
      `${name.padEnd(34)}${m.rate.toFixed(0)} req/s (p99 ${m.p99} ms, ${m.errors} errors, ${m.cpuMsPerRequest.toFixed(3)} ms CPU/request) = ${((m.rate / raw) * 100).toFixed(1)} % of raw`,
    );
  console.log(`${'raw Queue.add:'.padEnd(34)}${raw.toFixed(0)} jobs/s`);
  row('gateway POST (in-process):', gw);
  row('ceiling: Hono POST → Queue.add:', ceilings.postAdd);
  row('ceiling: Hono GET /hello:', ceilings.hello);
}
const settings: RedisPersistence[] = values.setting
  ? [values.setting as RedisPersistence]
  : ['always', 'none'];
const rounds = Number(values.rounds);
for (const setting of settings) {
  const { raw, results } = await compareUnder(setting, rounds);
  const summary = summarise(results);
  const label = `[${settingLabel[setting]}]`;
  console.log(`${label} raw Queue.add: ${raw.toFixed(0)} jobs/s`);
  const minimal = summary[0];
  for (const s of summary) {
    const vsMinimal = minimal ? ` = ${((s.rate / minimal.rate) * 100).toFixed(1)} % of minimal` : '';
    console.log(
      `${label} ${s.name}: ${s.rate.toFixed(0)} req/s (p99 ${s.p99} ms, ${s.errors} errors; rounds ${s.rates.join(', ')})${vsMinimal}`,
    );
  }
}
