import { ensureOrganisation } from '@saeq/shared/auth';
import {
  createTestDatabase,
  deleteQueuePrefix,
  type TestDatabase,
  testRedisUrl,
  uniqueName,
  waitFor,
} from '@saeq/testing';
import { type Job, type Queue, UnrecoverableError, Worker } from 'bullmq';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle, planStages } from '../src/db/index.ts';
import { createLogger } from '../src/logger/index.ts';
import { createMetrics } from '../src/metrics/index.ts';
import { createPlanWithStages, markStageProcessing } from '../src/plans/index.ts';
import { enqueue, openQueue, queues, stageJobId, webhookJobId } from '../src/queues/index.ts';
import {
  planStageRecovery,
  reconcileQueue,
  runPlanStage,
  startWorkerService,
  type WorkerService,
} from '../src/worker-runtime/index.ts';
import { TcpProxy } from './tcp-proxy.ts';

// startWorkerService against the real Redis and Postgres — the workers' database reached through
// a TCP proxy this test stops and starts (a Postgres outage, without stopping the Postgres other
// tests share) — and the reconciler that settles what Postgres and BullMQ disagree on.

const logger = createLogger({
  service: 'test',
  level: (process.env.TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent',
});
let database: TestDatabase;
let proxy: TcpProxy;
let organisationId: string;
let redis: Redis;
const open: { services: WorkerService[]; queues: Queue[]; prefixes: string[] } = {
  services: [],
  queues: [],
  prefixes: [],
};

beforeAll(async () => {
  database = await createTestDatabase();
  const target = new URL(database.url);
  proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  await proxy.start();
  organisationId = await ensureOrganisation(database.handle.db, 'acme');
  redis = new Redis(testRedisUrl, { maxRetriesPerRequest: 1 });
});

afterEach(async () => {
  await proxy.start().catch(() => {}); // a failed test may have left it stopped
  for (const s of open.services.splice(0)) await s.close();
  for (const q of open.queues.splice(0)) await q.close();
  for (const p of open.prefixes.splice(0)) await deleteQueuePrefix(p);
});

afterAll(async () => {
  redis?.disconnect();
  await proxy?.stop();
  await database?.drop();
});

const now = () => new Date();

async function newPlan(callbackUrl: string | null = null) {
  const plan = await createPlanWithStages(database.handle.db, {
    organisationId,
    name: 'p',
    filename: 'p.pdf',
    sizeBytes: 1,
    sha256: 'a'.repeat(64),
    edition: '2026',
    callbackUrl,
  });
  return plan.id;
}

async function stage(planId: string) {
  const rows = await database.handle.db.select().from(planStages).where(eq(planStages.planId, planId));
  return rows.find((r) => r.stage === 'analysis');
}

function queueOf(def: (typeof queues)[keyof typeof queues], prefix: string) {
  const q = openQueue(def, redis, prefix);
  open.queues.push(q);
  return q;
}

/** An analysis worker whose work is trivial: what matters is the lifecycle around it. */
async function startAnalysisService(
  prefix: string,
  opts: {
    work?: (job: Job) => Promise<void>;
    reconcileIntervalMs?: number;
    reconcileGraceMs?: number;
  } = {},
) {
  const webhookQueue = queueOf(queues.webhook, prefix);
  // Its own handle: the service closes it when it stops.
  const workerDb: DbHandle = await createDb({
    databaseUrl: proxy.urlFor(database.url),
    dataDir: '/nonexistent',
    poolMax: 4,
  });
  const service = await startWorkerService({
    service: 'test-worker',
    redisUrl: testRedisUrl,
    prefix,
    db: workerDb,
    logger,
    metrics: createMetrics('test-worker'),
    metricsPort: 0,
    metricsHost: '127.0.0.1',
    lockDurationMs: 5000,
    shutdownTimeoutMs: 2000,
    reconcileIntervalMs: opts.reconcileIntervalMs ?? 0,
    reconcileGraceMs: opts.reconcileGraceMs ?? 0,
    processors: [
      {
        def: queues.planAnalysis,
        concurrency: 2,
        ...planStageRecovery({ db: workerDb.db, stage: 'analysis', webhookQueue, now }),
        process: async (job) => {
          const { planId } = job.data as { planId: string };
          await runPlanStage({
            db: workerDb.db,
            job,
            planId,
            stage: 'analysis',
            now,
            work: async () => {
              await opts.work?.(job);
              return { result: { ok: true } };
            },
          });
          return { planId, pages: 0 };
        },
      },
    ],
  });
  open.services.push(service);
  return { service, webhookQueue, workerDb };
}

async function addAnalysis(queue: Queue, planId: string, attempts?: number) {
  await enqueue(
    queue,
    queues.planAnalysis,
    { planId, organisationId, fileSha256: 'a'.repeat(64), edition: '2026' },
    {
      jobId: stageJobId(planId, 'analysis'),
      ...(attempts ? { attempts, backoff: { type: 'fixed', delay: 10 } } : {}),
    },
  );
}

describe('Postgres unreachable while jobs run', () => {
  it('puts jobs back without spending attempts, pauses intake, and finishes them once it is back', async () => {
    const prefix = uniqueName('recovery_outage');
    open.prefixes.push(prefix);
    const queue = queueOf(queues.planAnalysis, prefix);
    const { service, workerDb } = await startAnalysisService(prefix);
    // Warm the pool (its idle connections are cut by the outage too).
    await workerDb.ping();

    await proxy.stop();
    const planIds = [await newPlan(), await newPlan(), await newPlan(), await newPlan()];
    for (const id of planIds) await addAnalysis(queue, id);

    // The first job to hit the outage pauses the worker; jobs that started are delayed, not failed.
    await waitFor(async () => service.workers.every((w) => w.isPaused()), {
      timeoutMs: 10_000,
      what: 'workers paused',
    });
    await new Promise((r) => setTimeout(r, 4000)); // longer than 3 attempts of 2 s backoff would take
    const during = await Promise.all(planIds.map((id) => queue.getJob(stageJobId(id, 'analysis'))));
    const states = await Promise.all(during.map((j) => j?.getState()));
    expect(states.filter((s) => s === 'failed')).toEqual([]);
    expect(during.map((j) => j?.attemptsMade)).toEqual([0, 0, 0, 0]);
    expect(states.some((s) => s === 'delayed')).toBe(true);

    const back = Date.now();
    await proxy.start();
    await waitFor(
      async () => {
        const rows = await Promise.all(planIds.map(stage));
        return rows.every((r) => r?.status === 'completed');
      },
      { timeoutMs: 40_000, intervalMs: 100, what: 'every analysis completed after the outage' },
    );
    const recoveredMs = Date.now() - back;
    console.log(`outage test: all 4 jobs completed ${recoveredMs} ms after Postgres was reachable again`);
    expect(service.workers.every((w) => !w.isPaused())).toBe(true);
    // One attempt each: the outage spent none (markStageProcessing records the attempt number).
    expect((await Promise.all(planIds.map(stage))).map((r) => r?.attempts)).toEqual([1, 1, 1, 1]);
    expect(await queue.getFailedCount()).toBe(0);
  }, 60_000);

  it('still spends attempts on socket errors that are not Postgres (a webhook target, a model provider)', async () => {
    const prefix = uniqueName('recovery_socket');
    open.prefixes.push(prefix);
    const queue = queueOf(queues.planAnalysis, prefix);
    const { service } = await startAnalysisService(prefix, {
      work: async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
      },
    });
    const planId = await newPlan();
    await addAnalysis(queue, planId, 2);
    // The stage is written failed first, then BullMQ moves the job: wait for the latter.
    const job = await waitFor(
      async () => {
        const j = await queue.getJob(stageJobId(planId, 'analysis'));
        return (await j?.getState()) === 'failed' ? j : undefined;
      },
      { timeoutMs: 15_000, what: 'job failed after its attempts' },
    );
    expect(job?.attemptsMade).toBe(2);
    expect((await stage(planId))?.error?.code).toBe('ECONNREFUSED');
    expect(service.workers.some((w) => w.isPaused())).toBe(false);
  }, 30_000);
});

describe('reconciler', () => {
  it('queues again a stage that has no job, and fails one whose job BullMQ failed unrecorded', async () => {
    const prefix = uniqueName('recovery_reconcile');
    open.prefixes.push(prefix);
    const queue = queueOf(queues.planAnalysis, prefix);

    // 1. The gateway died between the plan's row and its job: no job at all.
    const orphan = await newPlan();
    // 2. BullMQ failed the job for good outside the processor (what the stalled check does to a
    //    job whose worker died on every attempt) while the stage shows processing.
    const crashed = await newPlan('https://example.com/hook');
    await addAnalysis(queue, crashed);
    const manualConnection = new Redis(testRedisUrl, { maxRetriesPerRequest: null });
    const manual = new Worker(queues.planAnalysis.name, null, { connection: manualConnection, prefix });
    const token = 'manual-token';
    const taken = await manual.getNextJob(token);
    expect(taken?.id).toBe(stageJobId(crashed, 'analysis'));
    await markStageProcessing(database.handle.db, crashed, 'analysis', 1, now());
    await taken?.moveToFailed(new UnrecoverableError('job stalled more than allowable limit'), token);
    await manual.close();
    manualConnection.disconnect();
    // 3. Settled already: left alone.
    const done = await newPlan();
    await database.handle.db
      .update(planStages)
      .set({ status: 'completed' })
      .where(eq(planStages.planId, done));

    // Within the grace period nothing is touched (the gateway may be adding the job right now).
    const webhookQueue = queueOf(queues.webhook, prefix);
    const recovery = planStageRecovery({ db: database.handle.db, stage: 'analysis', webhookQueue, now });
    const early = await reconcileQueue({
      def: queues.planAnalysis,
      queue,
      source: recovery.reconcile,
      settleFailure: recovery.settleFailure,
      before: new Date(Date.now() - 30_000),
    });
    expect(early.checked).toBe(0);

    const { service } = await startAnalysisService(prefix);
    const reports = await service.reconcileNow();
    expect(reports[queues.planAnalysis.name]).toEqual({
      checked: 2,
      live: 0,
      requeued: 1,
      failed: 1,
      settled: 0,
    });

    // The orphan's job has its deterministic id and a valid payload: the worker completes it.
    await waitFor(async () => (await stage(orphan))?.status === 'completed', {
      timeoutMs: 15_000,
      what: 'orphan completed',
    });
    const crashedStage = await stage(crashed);
    expect(crashedStage?.status).toBe('failed');
    expect(crashedStage?.error?.code).toBe('worker_crashed');
    // The plan settled (failed), so its webhook is queued, once.
    const hook = await webhookQueue.getJob(webhookJobId(crashed, 'plan.failed'));
    expect(hook?.data).toMatchObject({ event: 'plan.failed', resourceId: crashed });

    // A second pass finds nothing left to do (the orphan's job is live or the stage settled).
    const again = (await service.reconcileNow())[queues.planAnalysis.name];
    expect(again?.requeued).toBe(0);
    expect(again?.failed).toBe(0);
  }, 40_000);

  it('runs by itself every RECONCILE_INTERVAL_MS, one replica per interval', async () => {
    const prefix = uniqueName('recovery_periodic');
    open.prefixes.push(prefix);
    const orphan = await newPlan();
    await startAnalysisService(prefix, { reconcileIntervalMs: 500 });
    await startAnalysisService(prefix, { reconcileIntervalMs: 500 });
    await waitFor(async () => (await stage(orphan))?.status === 'completed', {
      timeoutMs: 15_000,
      what: 'orphan picked up by the periodic reconciler',
    });
    // The lock of the last pass names one replica and expires before the next interval.
    const ttl = await redis.pttl(`${prefix}:reconcile-lock:${queues.planAnalysis.name}`);
    expect(ttl).toBeLessThanOrEqual(450);
  }, 30_000);
});
