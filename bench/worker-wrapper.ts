import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createDb } from '@saeq/shared/db';
import { createLogger } from '@saeq/shared/logger';
import { createMetrics } from '@saeq/shared/metrics';
import { defaultRetention, defineQueue } from '@saeq/shared/queues';
import { startWorkerService } from '@saeq/shared/worker-runtime';
import { createTestDatabase, deleteQueuePrefix, testRedisUrl, uniqueName } from '@saeq/testing';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { type BenchRow, isMain, markdownTable, median, throughputRow } from './report.ts';

/**
 * No-op job throughput through our worker wrapper (`startWorkerService`: per-job child logger,
 * duration histogram, error accounting, health server) against a bare BullMQ Worker with the
 * same no-op processor, concurrency, Redis and jobs, in the same run. The jobs are added before
 * each worker starts, so both measure consumption only. Goal (issue 20): ≥ 90 % of bare.
 *
 *   node --import tsx bench/worker-wrapper.ts [--jobs 10000] [--rounds 3] [--log-level info] [--before /work/main]
 */

const noopQueue = defineQueue({
  name: 'bench-noop',
  payload: z.object({ n: z.number() }),
  result: z.unknown(),
  defaultJobOptions: { ...defaultRetention },
});
const CONCURRENCY = 50;

async function fill(prefix: string, jobs: number): Promise<void> {
  const connection = new Redis(testRedisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(noopQueue.name, { connection, prefix });
  for (let i = 0; i < jobs; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({
        name: noopQueue.name,
        data: { n: i + k },
        opts: { ...defaultRetention },
      })),
    );
  }
  await queue.close();
  connection.disconnect();
}

/** Resolves with jobs/s once `jobs` completions were seen on `worker`. */
function drain(worker: Worker, jobs: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    let done = 0;
    worker.on('completed', () => {
      if (++done === jobs) resolve(jobs / ((performance.now() - started) / 1000));
    });
  });
}

async function bare(jobs: number): Promise<number> {
  const prefix = uniqueName('bench_bare');
  await fill(prefix, jobs);
  const connection = new Redis(testRedisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker(noopQueue.name, async () => undefined, {
    connection,
    prefix,
    concurrency: CONCURRENCY,
    autorun: false,
  });
  const rate = drain(worker, jobs);
  void worker.run();
  const result = await rate;
  await worker.close();
  connection.disconnect();
  await deleteQueuePrefix(prefix);
  return result;
}

/** Our wrapper as worker services run it: info logging (to a sink, not a terminal), metrics, health. */
type StartWorkerService = typeof startWorkerService;

async function ours(
  jobs: number,
  databaseUrl: string,
  logLevel: string,
  start: StartWorkerService = startWorkerService,
): Promise<number> {
  const prefix = uniqueName('bench_ours');
  await fill(prefix, jobs);
  // The service closes its database handle on close: one handle per round.
  const db = await createDb({ databaseUrl, dataDir: '/nonexistent', poolMax: 2 });
  const sink = new Writable({ write: (_chunk, _enc, cb) => cb() });
  const logger = createLogger({ service: 'bench-worker', level: logLevel, destination: sink });
  const service = await start({
    service: 'bench-worker',
    redisUrl: testRedisUrl,
    prefix,
    db,
    logger,
    metrics: createMetrics('bench-worker'),
    metricsPort: 0,
    metricsHost: '127.0.0.1',
    lockDurationMs: 30_000,
    shutdownTimeoutMs: 5000,
    processors: [{ def: noopQueue, concurrency: CONCURRENCY, process: async () => undefined }],
  });
  const worker = service.workers[0];
  if (!worker) throw new Error('no worker started');
  // The wrapper's workers start consuming at once; the clock starts at construction, as for bare.
  const result = await drain(worker, jobs);
  await service.close();
  await deleteQueuePrefix(prefix);
  return result;
}

export async function benchWorkerWrapper(
  opts: {
    jobs?: number | undefined;
    rounds?: number | undefined;
    logLevel?: string | undefined;
    /** Another checkout (e.g. /work/main): its wrapper runs in every round too (before/after). */
    before?: string | undefined;
  } = {},
): Promise<BenchRow[]> {
  const jobs = opts.jobs ?? 10_000;
  const rounds = opts.rounds ?? 3;
  const db = await createTestDatabase();
  const bareRates: number[] = [];
  const ourRates: number[] = [];
  const beforeRates: number[] = [];
  const before = opts.before
    ? ((await import(join(opts.before, 'packages/shared/src/worker-runtime/index.ts'))) as {
        startWorkerService: StartWorkerService;
      })
    : null;
  try {
    // Alternate, so drifting machine load hits both sides alike; report medians.
    for (let r = 0; r < rounds; r++) {
      bareRates.push(await bare(jobs));
      ourRates.push(await ours(jobs, db.url, opts.logLevel ?? 'info'));
      if (before)
        beforeRates.push(await ours(jobs, db.url, opts.logLevel ?? 'info', before.startWorkerService));
    }
  } finally {
    await db.drop();
  }
  const beforeRow = before
    ? [
        throughputRow(
          'worker',
          `the wrapper of ${opts.before} (before), same rounds (median of ${rounds})`,
          median(beforeRates),
          median(bareRates),
          'jobs/s',
          { baselineLabel: 'bare BullMQ Worker' },
        ),
      ]
    : [];
  return [
    ...beforeRow,
    throughputRow(
      'worker',
      `no-op jobs, concurrency ${CONCURRENCY}, LOG_LEVEL=${opts.logLevel ?? 'info'} (median of ${rounds})`,
      median(ourRates),
      median(bareRates),
      'jobs/s',
      {
        goalAtLeast: 0.9,
        baselineLabel: 'bare BullMQ Worker',
      },
    ),
  ];
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  const level = args.includes('--log-level') ? args[args.indexOf('--log-level') + 1] : undefined;
  const before = args.includes('--before') ? args[args.indexOf('--before') + 1] : undefined;
  const rows = await benchWorkerWrapper({
    jobs: arg('--jobs'),
    rounds: arg('--rounds'),
    logLevel: level,
    before,
  });
  console.log(markdownTable(rows));
  process.exit(0);
}
