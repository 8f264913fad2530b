/**
 * Read path benchmark (issue 8): latency of `GET /v1/plans/{id}` through the real gateway (HTTP,
 * auth with its key cache, rate limit in Redis, two Postgres reads, JSON) at a fixed arrival rate
 * of 500 req/s, against a bare Hono handler doing the same two reads at the same rate, in the
 * same run. Goal: gateway p99 < 10 ms. The load generator (autocannon) runs in its own process.
 *
 * autocannon's fixed rate (`-R`) is a quota per connection and per second: each connection sends
 * back to back until it has sent its share of the second, then waits for the next second. So the
 * requests of a second arrive as a burst of `connections` concurrent requests, and the tail
 * latency is mostly that burst queueing on one event loop (≈ connections × CPU per request). The
 * script therefore measures each connection count given (default 4 and 16), both sides each time.
 *
 *   node --import tsx bench/get-plan.ts [--rate 500] [--seconds 10] [--connections 4,16]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { createApiKey } from '@saeq/shared/auth';
import { createDb, planStages, plans } from '@saeq/shared/db';
import { createLogger } from '@saeq/shared/logger';
import { buildTextPdf, createTestDatabase, deleteQueuePrefix, testRedisUrl, uniqueName } from '@saeq/testing';
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { createApp } from '../services/gateway/src/app.ts';
import { buildGatewayDeps } from '../services/gateway/src/build-deps.ts';
import { loadGatewayEnv } from '../services/gateway/src/env.ts';
import { type LoadResult, runAutocannon } from './autocannon-process.ts';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '4,16' },
    'warmup-seconds': { type: 'string', default: '3' },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const connectionCounts = values.connections.split(',').map(Number);
const warmupSeconds = Number(values['warmup-seconds']);
const P99_GOAL_MS = 10;

type Listening = { port: number; close(): void };

async function listen(fetch: (req: Request) => Response | Promise<Response>): Promise<Listening> {
  const server = serve({ fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, close: () => server.close() };
}

type Measured = LoadResult & { cpuMsPerRequest: number };

/**
 * A short run at the same rate first (JIT, pools, key cache), then the measured one. CPU per
 * request is this process's (the server under test; autocannon runs in its own): it says what a
 * rate costs whatever else the machine is doing — 500 req/s needs 500 × that many ms per second.
 */
async function measure(url: string, headers: Record<string, string>, connections: number): Promise<Measured> {
  if (warmupSeconds > 0)
    await runAutocannon({ url, headers, connections, seconds: warmupSeconds, overallRate: rate });
  const cpuBefore = process.cpuUsage();
  const result = await runAutocannon({ url, headers, connections, seconds, overallRate: rate });
  const cpu = process.cpuUsage(cpuBefore);
  return { ...result, cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(1, result.requests) };
}

const prefix = uniqueName('bench_get');
const db = await createTestDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'saeq-bench-get-'));
const env = loadGatewayEnv({
  DATABASE_URL: db.url,
  REDIS_URL: testRedisUrl,
  QUEUE_PREFIX: prefix,
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  // Limits stay on (their Redis round trip is part of the path) but never trip.
  RATE_LIMIT_GENERAL: '1000000000/60',
  RATE_LIMIT_UPLOADS: '1000000000/60',
});
const deps = await buildGatewayDeps(env, createLogger({ service: 'bench', level: 'silent' }));
// No worker runs here: the plan stays queued, its row and stages are what GET reads.
await deps.queues.planAnalysis.pause();
const { key, organisationId } = await createApiKey(db.handle.db, { org: 'bench', scopes: ['admin'] });
const gateway = await listen(createApp(deps).fetch);
const gatewayUrl = `http://127.0.0.1:${gateway.port}`;
const auth = { authorization: `Bearer ${key}` };

const pdf = await buildTextPdf(['PLAN ÉLECTRIQUE — BANC DE LECTURE']);
const created = await fetch(`${gatewayUrl}/v1/plans`, {
  method: 'POST',
  body: pdf,
  headers: { ...auth, 'content-type': 'application/pdf' },
});
if (created.status !== 202)
  throw new Error(`plan upload answered ${created.status}: ${await created.text()}`);
const planId = ((await created.json()) as { id: string }).id;

// Baseline: the same two reads (plan of the organisation, its stages) and a JSON answer, with
// nothing around them — the floor for this machine, this Postgres and this rate.
const bareDb = await createDb({
  databaseUrl: db.url,
  dataDir: '/nonexistent',
  poolMax: env.DATABASE_POOL_MAX,
});
const bareApp = new Hono().get('/plans/:id', async (c) => {
  const id = c.req.param('id');
  const [plan] = await bareDb.db
    .select()
    .from(plans)
    .where(and(eq(plans.id, id), eq(plans.organisationId, organisationId)));
  if (!plan) return c.json({ error: 'not found' }, 404);
  const stages = await bareDb.db.select().from(planStages).where(eq(planStages.planId, id));
  return c.json({ ...plan, stages });
});
const bare = await listen(bareApp.fetch);
// Gateway and baseline alternate per connection count, so both see the same machine state.
const results = [];
for (const connections of connectionCounts) {
  const gw = await measure(`${gatewayUrl}/v1/plans/${planId}`, auth, connections);
  const baseline = await measure(`http://127.0.0.1:${bare.port}/plans/${planId}`, {}, connections);
  results.push({ connections, gw, baseline });
}

bare.close();
gateway.close();
await bareDb.close();
await deps.queues.planAnalysis.obliterate({ force: true });
await deps.close();
await db.drop();
await deleteQueuePrefix(prefix);
rmSync(dataDir, { recursive: true, force: true });

const line = (name: string, r: Measured) =>
  `${name} ${r.rate.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors (${r.requests} requests), ${r.cpuMsPerRequest.toFixed(2)} ms CPU/request`;
console.log(
  `fixed rate ${rate} req/s, ${seconds} s (after ${warmupSeconds} s warm-up), Node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}`,
);
for (const { connections, gw, baseline } of results) {
  console.log(`— ${connections} connections (bursts of ${connections} concurrent requests)`);
  console.log(line('gateway GET /v1/plans/{id}: ', gw));
  console.log(line('bare Hono, same two reads:   ', baseline));
  console.log(`ratio p99 gateway / bare:     ${(gw.p99 / Math.max(baseline.p99, 0.001)).toFixed(2)}`);
  console.log(`ratio CPU gateway / bare:     ${(gw.cpuMsPerRequest / baseline.cpuMsPerRequest).toFixed(2)}`);
  console.log(
    `gateway p99 vs goal (< ${P99_GOAL_MS} ms): ${(gw.p99 / P99_GOAL_MS).toFixed(2)} → ${gw.p99 < P99_GOAL_MS ? 'met' : 'not met'}`,
  );
}
