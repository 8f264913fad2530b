import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createDb, planStages, plans } from '@saeq/shared/db';
import { buildTextPdf } from '@saeq/testing';
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { type LoadResult, runAutocannon } from './autocannon-process.ts';
import { listenOnLoopback, startBenchGateway } from './bench-gateway.ts';
import { benchEnvironment, disposeBenchEnvironment } from './worker-fleet.ts';

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

const env = await benchEnvironment('get');
const gateway = await startBenchGateway(env, { scopes: ['admin'] });
// No worker runs here: the plan stays queued, its row and stages are what GET reads.
await gateway.deps.queues.planAnalysis.pause();
const { organisationId } = gateway;
const gatewayUrl = gateway.url;
const auth = { authorization: `Bearer ${gateway.key}` };

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
  databaseUrl: env.db.url,
  dataDir: '/nonexistent',
  poolMax: gateway.deps.env.DATABASE_POOL_MAX,
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
const bare = await listenOnLoopback(bareApp.fetch);
// Gateway and baseline alternate per connection count, so both see the same machine state.
const results = [];
for (const connections of connectionCounts) {
  const gw = await measure(`${gatewayUrl}/v1/plans/${planId}`, auth, connections);
  const baseline = await measure(`${bare.url}/plans/${planId}`, {}, connections);
  results.push({ connections, gw, baseline });
}

bare.close();
await bareDb.close();
await gateway.deps.queues.planAnalysis.obliterate({ force: true });
await gateway.close();
await disposeBenchEnvironment(env, []);

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
