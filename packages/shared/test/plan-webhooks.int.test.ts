import { ensureOrganisation } from '@saeq/shared/auth';
import {
  createTestDatabase,
  deleteQueuePrefix,
  type TestDatabase,
  testRedisUrl,
  uniqueName,
} from '@saeq/testing';
import type { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planStages } from '../src/db/index.ts';
import { completeStage, createPlanWithStages, failStage, reopenPlanStage } from '../src/plans/index.ts';
import { openQueue, queues } from '../src/queues/index.ts';
import {
  enqueuePlanWebhookIfSettled,
  reconcilePlanWebhooks,
  runPlanStage,
} from '../src/worker-runtime/index.ts';

// A settled plan's webhook on the real Postgres and Redis: queued even when the stage's job is
// retried after its completion was written (already-completed path), found by the reconciler
// when no delivery was ever queued, and queued per event, so a plan that failed, was retried
// from the dead letters and completed still announces plan.completed.

let database: TestDatabase;
let redis: Redis;
let webhookQueue: Queue;
let stageQueue: Queue;
let organisationId: string;
const prefix = uniqueName('plan_webhooks');

beforeAll(async () => {
  database = await createTestDatabase();
  redis = new Redis(testRedisUrl, { maxRetriesPerRequest: null });
  webhookQueue = openQueue(queues.webhook, redis, prefix);
  stageQueue = openQueue(queues.planBom, redis, prefix);
  organisationId = await ensureOrganisation(database.handle.db, 'acme');
});
afterAll(async () => {
  await webhookQueue?.close();
  await stageQueue?.close();
  redis?.disconnect();
  await database?.drop();
  await deleteQueuePrefix(prefix);
});

async function planWithCallback(): Promise<string> {
  const plan = await createPlanWithStages(database.handle.db, {
    organisationId,
    name: 'p',
    filename: 'p.pdf',
    sizeBytes: 1,
    sha256: 'b'.repeat(64),
    edition: '2026',
    callbackUrl: 'https://example.com/hooks',
  });
  return plan.id;
}

async function webhookEvents(planId: string): Promise<string[]> {
  const jobs = await webhookQueue.getJobs(['waiting', 'delayed', 'completed', 'failed']);
  return jobs
    .filter((j) => j.data.resourceId === planId)
    .map((j) => j.data.event as string)
    .sort();
}

describe('plan webhooks', () => {
  it('queues the webhook when a retried stage job finds its stage already completed', async () => {
    const db = database.handle.db;
    const planId = await planWithCallback();
    const now = new Date();
    for (const stage of ['analysis', 'compliance', 'bom'] as const)
      await completeStage(db, planId, stage, {}, now);
    // The first run wrote the stage completed and died before queueing the webhook; its retry:
    const job = (await stageQueue.add(queues.planBom.name, { planId, organisationId })) as Job;
    let settledCalls = 0;
    const outcome = await runPlanStage({
      db,
      job,
      planId,
      stage: 'bom',
      now: () => new Date(),
      work: async () => ({ result: {} }),
      afterSettled: async () => {
        settledCalls++;
        await enqueuePlanWebhookIfSettled(db, webhookQueue, planId);
      },
    });
    expect(outcome).toBe('already-completed');
    expect(settledCalls).toBe(1);
    expect(await webhookEvents(planId)).toEqual(['plan.completed']);
  });

  it('lets the reconciler queue the webhook of a settled plan that has none, once', async () => {
    const db = database.handle.db;
    const planId = await planWithCallback();
    const inProgress = await planWithCallback();
    const settledAt = new Date(Date.now() - 120_000);
    for (const stage of ['analysis', 'compliance', 'bom'] as const) {
      await completeStage(db, planId, stage, {}, settledAt);
    }
    await completeStage(db, inProgress, 'analysis', {}, settledAt);
    const before = new Date(Date.now() - 30_000);
    const first = await reconcilePlanWebhooks({ db, webhookQueue, before });
    expect(first).toBe(1);
    expect(await webhookEvents(planId)).toEqual(['plan.completed']);
    expect(await webhookEvents(inProgress)).toEqual([]);
    // Its delivery is recorded: the next pass finds nothing to do.
    expect(await reconcilePlanWebhooks({ db, webhookQueue, before })).toBe(0);
  });

  it('queues plan.completed after plan.failed when a failed stage is retried and completes', async () => {
    const db = database.handle.db;
    const planId = await planWithCallback();
    await completeStage(db, planId, 'analysis', {}, new Date());
    await completeStage(db, planId, 'compliance', {}, new Date());
    await failStage(db, planId, 'bom', { code: 'internal', message: 'boom' }, new Date());
    await enqueuePlanWebhookIfSettled(db, webhookQueue, planId);
    // Retried from the dead letters: the stage is reopened, then completes.
    expect(await reopenPlanStage(db, planId, 'bom', new Date())).toBe(true);
    const reopened = await db.select().from(planStages);
    expect(reopened.find((s) => s.planId === planId && s.stage === 'bom')?.status).toBe('queued');
    await completeStage(db, planId, 'bom', {}, new Date());
    await enqueuePlanWebhookIfSettled(db, webhookQueue, planId);
    expect(await webhookEvents(planId)).toEqual(['plan.completed', 'plan.failed']);
  });
});
