import { Writable } from 'node:stream';
import {
  createTestDatabase,
  deleteQueuePrefix,
  type TestDatabase,
  testRedisUrl,
  uniqueName,
  waitFor,
} from '@saeq/testing';
import { Queue, UnrecoverableError } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDb } from '../src/db/index.ts';
import { createLogger } from '../src/logger/index.ts';
import { createMetrics } from '../src/metrics/index.ts';
import { defaultRetention, defineQueue } from '../src/queues/index.ts';
import { startWorkerService } from '../src/worker-runtime/index.ts';

// What startWorkerService logs per job at info (docs/operations.md): nothing for a fast job that
// completes, one summary per queue and interval, every failure and every slow job one by one.

const testQueue = defineQueue({
  name: 'log-test',
  payload: z.object({ n: z.number(), outcome: z.enum(['ok', 'fail', 'slow']), requestId: z.string() }),
  result: z.unknown(),
  defaultJobOptions: { ...defaultRetention, attempts: 1 },
});

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

type Line = { level: string; msg: string; [key: string]: unknown };

describe('worker service logging at info', () => {
  it('summarises fast jobs, and logs each failure and each slow job with its request id', async () => {
    const prefix = uniqueName('worker_logging');
    const lines: Line[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line) as Line);
        cb();
      },
    });
    const logger = createLogger({ service: 'test', level: 'info', destination: sink });
    const connection = new Redis(testRedisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(testQueue.name, { connection, prefix });
    const db = await createDb({ databaseUrl: database.url, dataDir: '/nonexistent', poolMax: 2 });
    const service = await startWorkerService({
      service: 'test-worker',
      redisUrl: testRedisUrl,
      prefix,
      db,
      logger,
      metrics: createMetrics('test-worker'),
      metricsPort: 0,
      metricsHost: '127.0.0.1',
      lockDurationMs: 5000,
      shutdownTimeoutMs: 2000,
      slowJobMs: 150,
      // No periodic summary during the test: the one written at shutdown covers every job.
      jobSummaryIntervalMs: 3_600_000,
      processors: [
        {
          def: testQueue,
          concurrency: 4,
          process: async (job) => {
            const { outcome } = job.data as z.infer<typeof testQueue.payload>;
            if (outcome === 'fail') throw new UnrecoverableError('bad input');
            if (outcome === 'slow') await new Promise((r) => setTimeout(r, 200));
          },
        },
      ],
    });
    try {
      const outcomes = ['ok', 'ok', 'ok', 'ok', 'ok', 'fail', 'slow'] as const;
      await queue.addBulk(
        outcomes.map((outcome, n) => ({
          name: testQueue.name,
          data: { n, outcome, requestId: `req-${n}` },
          opts: testQueue.defaultJobOptions,
        })),
      );
      await waitFor(
        async () => {
          const counts = await queue.getJobCounts('completed', 'failed');
          return (counts.completed ?? 0) + (counts.failed ?? 0) === outcomes.length ? true : undefined;
        },
        { timeoutMs: 20_000, what: 'every job settled' },
      );
    } finally {
      await service.close();
      await queue.close();
      connection.disconnect();
      await deleteQueuePrefix(prefix);
    }

    const about = (msg: string) => lines.filter((l) => l.msg === msg);
    // Fast jobs that completed leave no line of their own at info.
    expect(about('job completed')).toEqual([]);
    expect(about('job started')).toEqual([]);
    const failed = about('job failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      level: 'warn',
      requestId: 'req-5',
      queue: testQueue.name,
      err: 'bad input',
    });
    const slow = about('slow job completed');
    expect(slow).toHaveLength(1);
    expect(slow[0]).toMatchObject({ level: 'info', requestId: 'req-6' });
    expect(slow[0]?.ms).toBeGreaterThanOrEqual(150);
    // The shutdown's summary counts every job: 6 completed (5 fast + the slow one), 1 failed.
    const summaries = about('jobs summary');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      level: 'info',
      queue: testQueue.name,
      completed: 6,
      failed: 1,
      delayed: 0,
    });
    expect(summaries[0]?.maxMs).toBeGreaterThanOrEqual(150);
  }, 30_000);
});
