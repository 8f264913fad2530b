import { randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { enqueue, openQueue, queues, stageJobId } from '@saeq/shared/queues';
import { type RunningService, submitPlanDirect } from '@saeq/testing';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { agentCatalog } from '../packages/agents/src/index.ts';
import { startOwnRedis } from '../scripts/chaos/lib/infra.ts';
import { toolsFor } from '../services/worker-agents/src/tools/registry.ts';
import { planSet } from './pdf-extraction.ts';
import { waitAllCompleted } from './pipeline.ts';
import { machineLine } from './report.ts';
import {
  type BenchEnv,
  benchEnvironment,
  disposeBenchEnvironment,
  procCpuSeconds,
  startBenchWorker,
} from './worker-fleet.ts';

/**
 * The measured inputs of the capacity model (docs/scaling.md, issue 22), one worker process of
 * each kind, compiled as production runs them (`pnpm build` first, or `--sources`):
 * - plans per minute per worker-pdf (service defaults, PDF_CONCURRENCY 2) for 1-, 10- and 50-page
 *   plans: a backlog of `n` plans submitted at once, first submit → last analysis stored;
 * - plans per second per worker-bom (compliance + BOM of each plan, service defaults): the same
 *   plans' compliance and BOM jobs queued while no worker-bom runs, then one started;
 * - Redis memory per job: `used_memory` of a private redis-server (nothing else in it) before and
 *   after N plan-analysis jobs waiting, then after they completed and are retained
 *   (removeOnComplete keeps 5 000 per queue for 24 h);
 * - Postgres rows and bytes per plan (row counts and `pg_total_relation_size` of every table,
 *   before and after `perPlan` plans went through analysis, compliance and BOM, divided), and blob
 *   bytes per plan (the data directory: the PDF and its previews).
 *
 *   node --import tsx bench/capacity.ts [--only agents,redis,pdf,storage] [--jobs 2000] [--sources]
 */

/** A shared loaded machine can take minutes over one plan: measure it, do not time it out (worker-pdf's 120 s). */
const noTimeout = { PDF_JOB_TIMEOUT_MS: '900000' };

type Snapshot = Map<string, { rows: number; bytes: number }>;

async function tableSizes(databaseUrl: string): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Exact row counts (count(*)): the statistics behind reltuples lag behind inserts.
    const { rows: tables } = await client.query<{ name: string; bytes: string }>(
      `select c.relname as name, pg_total_relation_size(c.oid)::text as bytes
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind = 'r' and n.nspname = 'public'`,
    );
    const sizes: Snapshot = new Map();
    for (const t of tables) {
      const { rows } = await client.query<{ n: string }>(`select count(*)::text as n from "${t.name}"`);
      sizes.set(t.name, { rows: Number(rows[0]?.n ?? 0), bytes: Number(t.bytes) });
    }
    return sizes;
  } finally {
    await client.end();
  }
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  return total;
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
}

/** Redis bytes per waiting plan-analysis job, and per completed job kept by the retention policy. */
async function redisPerJob(jobs: number) {
  const own = await startOwnRedis('none');
  const connection = new Redis(own.url, { maxRetriesPerRequest: null });
  const prefix = 'saeq';
  const queue = openQueue(queues.planAnalysis, connection, prefix);
  try {
    await queue.waitUntilReady();
    const empty = await usedMemory(connection);
    const organisationId = randomUUID();
    for (let i = 0; i < jobs; i++) {
      const planId = randomUUID();
      await enqueue(
        queue,
        queues.planAnalysis,
        { planId, organisationId, fileSha256: 'a'.repeat(64), edition: '2026', requestId: randomUUID() },
        { jobId: stageJobId(planId, 'analysis') },
      );
    }
    const waiting = await usedMemory(connection);
    // Completed with the result worker-pdf returns, so each job stays as the retention keeps it.
    const worker = new Worker(
      queues.planAnalysis.name,
      async (job) => ({ planId: String(job.data.planId), pages: 10 }),
      { connection: new Redis(own.url, { maxRetriesPerRequest: null }), prefix, concurrency: 50 },
    );
    while ((await queue.getCompletedCount()) < jobs) await new Promise((r) => setTimeout(r, 200));
    await worker.close();
    const completed = await usedMemory(connection);
    return { jobs, waitingBytes: (waiting - empty) / jobs, completedBytes: (completed - empty) / jobs };
  } finally {
    await queue.close();
    connection.disconnect();
    await own.destroy();
  }
}

/**
 * Characters of the fixed prefix each agent sends with every model request (its system prompt and
 * its tools' definitions, as worker-agents' Anthropic client serialises them). Tokens are not
 * counted here (that needs the provider's count_tokens endpoint, i.e. the network): the model
 * estimates them from these characters.
 */
function agentPrefixChars() {
  return agentCatalog.map((agent) => ({
    id: agent.id,
    systemChars: agent.systemPrompt.length,
    toolsChars: JSON.stringify(
      toolsFor(agent).map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema })),
    ).length,
    tools: agent.tools.length,
  }));
}

async function submitBacklog(env: BenchEnv, pdf: Uint8Array, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++)
    ids.push(await submitPlanDirect({ db: env.db.handle.db, dataDir: env.dataDir, prefix: env.prefix, pdf }));
  return ids;
}

/** Plans/min of one worker-pdf by page count, then plans/s of one worker-bom on the same plans' follow-ups. */
async function workerThroughput(counts: { pages: number; plans: number }[], compiled: boolean) {
  const env = await benchEnvironment('capacity');
  const services: RunningService[] = [];
  try {
    const pdfWorker = (await startBenchWorker(env, 'worker-pdf', noTimeout, { compiled })).service;
    services.push(pdfWorker);
    const pdfPid = pdfWorker.child.pid ?? 0;
    const warm = await submitBacklog(env, await planSet(1), 2);
    await waitAllCompleted(env.db.url, warm, ['analysis'], 300_000);
    const pdfRows: {
      pages: number;
      plans: number;
      seconds: number;
      perMinute: number;
      cpuSecondsPerPlan: number;
      load: number;
    }[] = [];
    const all = [...warm];
    for (const { pages, plans } of counts) {
      const pdf = await planSet(pages);
      const started = Date.now();
      const cpuBefore = procCpuSeconds(pdfPid);
      const ids = await submitBacklog(env, pdf, plans);
      await waitAllCompleted(env.db.url, ids, ['analysis'], 1_800_000);
      const seconds = (Date.now() - started) / 1000;
      pdfRows.push({
        pages,
        plans,
        seconds,
        perMinute: (plans * 60) / seconds,
        cpuSecondsPerPlan: (procCpuSeconds(pdfPid) - cpuBefore) / plans,
        load: loadavg()[0] ?? 0,
      });
      process.stderr.write(`[capacity] worker-pdf ${pages}-page: ${JSON.stringify(pdfRows.at(-1))}\n`);
      all.push(...ids);
    }
    // Every plan's compliance and BOM jobs wait in their queues: one worker-bom drains them.
    const started = Date.now();
    const bomWorker = (await startBenchWorker(env, 'worker-bom', noTimeout, { compiled })).service;
    services.push(bomWorker);
    const ready = Date.now();
    const cpuBefore = procCpuSeconds(bomWorker.child.pid ?? 0);
    await waitAllCompleted(env.db.url, all, ['compliance', 'bom'], 1_800_000);
    const seconds = (Date.now() - ready) / 1000;
    const bom = {
      plans: all.length,
      seconds,
      perSecond: all.length / seconds,
      cpuSecondsPerPlan: (procCpuSeconds(bomWorker.child.pid ?? 0) - cpuBefore) / all.length,
      startSeconds: (ready - started) / 1000,
      load: loadavg()[0] ?? 0,
    };
    process.stderr.write(`[capacity] worker-bom: ${JSON.stringify(bom)}\n`);
    return { pdf: pdfRows, bom };
  } finally {
    await disposeBenchEnvironment(env, services);
  }
}

/** Postgres rows and bytes, and blob bytes, per plan of `pages` sheets through every stage. */
async function storagePerPlan(pages: number, plans: number, compiled: boolean) {
  const env = await benchEnvironment('capacity');
  const services: RunningService[] = [];
  try {
    services.push(
      (await startBenchWorker(env, 'worker-pdf', noTimeout, { compiled })).service,
      (await startBenchWorker(env, 'worker-bom', noTimeout, { compiled })).service,
    );
    const pdf = await planSet(pages);
    // One plan first, so the organisation row and first pages of every table exist before the snapshot.
    const first = await submitBacklog(env, pdf, 1);
    await waitAllCompleted(env.db.url, first, ['analysis', 'compliance', 'bom'], 600_000);
    const before = await tableSizes(env.db.url);
    const blobsBefore = directoryBytes(env.dataDir);
    const ids = await submitBacklog(env, pdf, plans);
    await waitAllCompleted(env.db.url, ids, ['analysis', 'compliance', 'bom'], 1_800_000);
    const after = await tableSizes(env.db.url);
    const tables = [...after]
      .map(([name, a]) => {
        const b = before.get(name) ?? { rows: 0, bytes: 0 };
        return { name, rows: (a.rows - b.rows) / plans, bytes: (a.bytes - b.bytes) / plans };
      })
      .filter((t) => t.rows !== 0 || t.bytes !== 0)
      .sort((x, y) => y.bytes - x.bytes);
    return {
      pages,
      plans,
      pdfBytes: pdf.byteLength,
      tables,
      totalBytes: tables.reduce((s, t) => s + t.bytes, 0),
      totalRows: tables.reduce((s, t) => s + t.rows, 0),
      blobBytes: (directoryBytes(env.dataDir) - blobsBefore) / plans,
    };
  } finally {
    await disposeBenchEnvironment(env, services);
  }
}

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    jobs: { type: 'string', default: '2000' },
    sources: { type: 'boolean', default: false },
    counts: { type: 'string', default: '1:10,10:4,50:2' },
    'storage-pages': { type: 'string', default: '4' },
    'storage-plans': { type: 'string', default: '5' },
  },
});
const wanted = (name: string) => !values.only || values.only.split(',').includes(name);
const compiled = !values.sources;
console.log(machineLine());
if (wanted('agents')) console.log('agents', JSON.stringify(agentPrefixChars(), null, 1));
if (wanted('redis')) console.log('redis', JSON.stringify(await redisPerJob(Number(values.jobs))));
if (wanted('storage'))
  console.log(
    'storage',
    JSON.stringify(
      await storagePerPlan(Number(values['storage-pages']), Number(values['storage-plans']), compiled),
      null,
      1,
    ),
  );
if (wanted('pdf')) {
  const counts = values.counts.split(',').map((c) => {
    const [pages, plans] = c.split(':').map(Number);
    return { pages: pages ?? 1, plans: plans ?? 1 };
  });
  console.log('workers', JSON.stringify(await workerThroughput(counts, compiled), null, 1));
}
console.log(machineLine());
process.exit(0);
