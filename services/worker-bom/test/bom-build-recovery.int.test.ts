import { ensureOrganisation } from '@saeq/shared/auth';
import { boms } from '@saeq/shared/db';
import { openQueue, queues } from '@saeq/shared/queues';
import { reconcileQueue } from '@saeq/shared/worker-runtime';
import {
  createTestDatabase,
  deleteQueuePrefix,
  type TestDatabase,
  testRedisUrl,
  uniqueName,
} from '@saeq/testing';
import { type Queue, UnrecoverableError, Worker } from 'bullmq';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bomBuildRecovery } from '../src/jobs/bom-build.recovery.ts';

// bom-build's side of the reconciler on the real Postgres and Redis: a BOM Postgres shows queued
// without a job is queued again under its id; one whose job BullMQ failed unrecorded is failed
// (worker_crashed) and its webhook is sent.

let database: TestDatabase;
let redis: Redis;
let queue: Queue;
const prefix = uniqueName('bom_recovery');

beforeAll(async () => {
  database = await createTestDatabase();
  redis = new Redis(testRedisUrl, { maxRetriesPerRequest: null });
  queue = openQueue(queues.bomBuild, redis, prefix);
});
afterAll(async () => {
  await queue?.close();
  redis?.disconnect();
  await database?.drop();
  await deleteQueuePrefix(prefix);
});

describe('bom-build reconciliation', () => {
  it('queues again a BOM without a job, fails one whose job failed unrecorded, and leaves recent ones', async () => {
    const db = database.handle.db;
    const organisationId = await ensureOrganisation(db, 'acme');
    const old = new Date(Date.now() - 60_000);
    const request = { items: [{ sku: 'x', quantity: 1 }] };
    const insert = async (values: Partial<typeof boms.$inferInsert> = {}) => {
      const [row] = await db
        .insert(boms)
        .values({ organisationId, request, updatedAt: old, ...values })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      return row;
    };
    const orphan = await insert();
    const recent = await insert({ updatedAt: new Date() });
    const crashed = await insert({ status: 'processing', callbackUrl: 'https://example.com/hook' });
    await queue.add(queues.bomBuild.name, { bomId: crashed.id, organisationId }, { jobId: crashed.id });
    const manualConnection = redis.duplicate();
    const manual = new Worker(queues.bomBuild.name, null, { connection: manualConnection, prefix });
    const taken = await manual.getNextJob('manual');
    expect(taken?.id).toBe(crashed.id);
    await taken?.moveToFailed(new UnrecoverableError('job stalled more than allowable limit'), 'manual');
    await manual.close();
    manualConnection.disconnect();

    const settled: { bomId: string; ok: boolean; callbackUrl: string | null }[] = [];
    const recovery = bomBuildRecovery({
      db,
      now: () => new Date(),
      onBomSettled: async (bomId, _org, callbackUrl, ok) => {
        settled.push({ bomId, ok, callbackUrl });
      },
    });
    const report = await reconcileQueue({
      def: queues.bomBuild,
      queue,
      source: recovery.reconcile,
      settleFailure: recovery.settleFailure,
      before: new Date(Date.now() - 30_000),
    });
    expect(report).toEqual({ checked: 2, live: 0, requeued: 1, failed: 1, settled: 0 });

    const requeued = await queue.getJob(orphan.id);
    expect(requeued?.data).toEqual({ bomId: orphan.id, organisationId });
    expect(requeued?.opts.attempts).toBe(queues.bomBuild.defaultJobOptions.attempts);
    expect(await queue.getJob(recent.id)).toBeUndefined();
    const [row] = await db.select().from(boms).where(eq(boms.id, crashed.id));
    expect(row?.status).toBe('failed');
    expect(row?.error?.code).toBe('worker_crashed');
    expect(settled).toEqual([{ bomId: crashed.id, ok: false, callbackUrl: 'https://example.com/hook' }]);

    // Settling is idempotent: the failed-event handler and the reconciler may both run it.
    await recovery.settleFailure({ bomId: crashed.id }, { code: 'worker_crashed', message: 'again' });
    expect(settled).toHaveLength(1);
  }, 30_000);
});
