import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureOrganisation } from '@saeq/shared/auth';
import { boms } from '@saeq/shared/db';
import { createLogger } from '@saeq/shared/logger';
import { createMetrics } from '@saeq/shared/metrics';
import { completeStage, createPlanWithStages } from '@saeq/shared/plans';
import { openQueue, queues } from '@saeq/shared/queues';
import { FileBlobStore } from '@saeq/shared/storage';
import {
  createTestDatabase,
  deleteQueuePrefix,
  type TestDatabase,
  testRedisUrl,
  uniqueName,
} from '@saeq/testing';
import type { Job, Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bomBuildProcessor } from '../src/jobs/bom-build.processor.ts';
import { planBomProcessor } from '../src/jobs/plan-bom.processor.ts';

// worker-bom's processors once their work is done: a BOM written completed stays completed
// whatever happens next (no bom.failed after success), a retried job of a completed BOM still
// sends its webhook, and saeq_boms_generated_total counts BOMs generated, not jobs run.

let database: TestDatabase;
let redis: Redis;
let bomQueue: Queue;
let planBomQueue: Queue;
let dataDir: string;
const prefix = uniqueName('bom_settling');
const log = createLogger({ service: 'test', level: 'silent' }) as never;

beforeAll(async () => {
  database = await createTestDatabase();
  redis = new Redis(testRedisUrl, { maxRetriesPerRequest: null });
  bomQueue = openQueue(queues.bomBuild, redis, prefix);
  planBomQueue = openQueue(queues.planBom, redis, prefix);
  dataDir = mkdtempSync(join(tmpdir(), 'saeq-bom-settling-'));
});
afterAll(async () => {
  await bomQueue?.close();
  await planBomQueue?.close();
  redis?.disconnect();
  await database?.drop();
  await deleteQueuePrefix(prefix);
  rmSync(dataDir, { recursive: true, force: true });
});

async function generatedCount(metrics: ReturnType<typeof createMetrics>): Promise<number> {
  return (await metrics.bomsGenerated.get()).values[0]?.value ?? 0;
}

describe('bom-build after success', () => {
  it('keeps a completed BOM completed when sending its webhook fails, and sends bom.completed on the retry', async () => {
    const db = database.handle.db;
    const organisationId = await ensureOrganisation(db, 'acme');
    const [row] = await db
      .insert(boms)
      .values({
        organisationId,
        request: { items: [{ type: 'receptacle', quantity: 2 }] },
        callbackUrl: 'https://example.com/hook',
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    const settled: boolean[] = [];
    let webhookQueueDown = true;
    const metrics = createMetrics('worker-bom');
    const process = bomBuildProcessor({
      db,
      store: new FileBlobStore(dataDir),
      metrics,
      defaultLabourRateCents: 9500,
      now: () => new Date(),
      onBomSettled: async (_bomId, _org, _url, ok) => {
        // The webhook enqueue fails once (Redis error) after the BOM was written completed.
        if (webhookQueueDown) {
          webhookQueueDown = false;
          throw new Error('Connection is closed.');
        }
        settled.push(ok);
      },
    });
    // The last attempt: a failure here is final, the case where the catch used to write `failed`.
    const job = (await bomQueue.add(
      queues.bomBuild.name,
      { bomId: row.id, organisationId },
      { jobId: row.id, attempts: 1 },
    )) as Job;
    await expect(process(null, { job, log })).rejects.toThrow('Connection is closed.');
    const after = await db.select({ status: boms.status }).from(boms).where(eq(boms.id, row.id));
    expect(after[0]?.status).toBe('completed');
    expect(settled).toEqual([]);
    // The job's retry (or a reconciler's) finds the BOM completed and sends its webhook.
    await process(null, { job, log });
    expect(settled).toEqual([true]);
    expect(await generatedCount(metrics)).toBe(1);
  });
});

describe('plan-bom counting', () => {
  it('counts no BOM for a plan deleted before its job, nor for a duplicate of a completed stage', async () => {
    const db = database.handle.db;
    const organisationId = await ensureOrganisation(db, 'acme');
    const metrics = createMetrics('worker-bom');
    const process = planBomProcessor({
      db,
      store: new FileBlobStore(dataDir),
      metrics,
      defaultLabourRateCents: 9500,
      now: () => new Date(),
      onPlanSettled: async () => {},
    });
    const deleted = (await planBomQueue.add(queues.planBom.name, {
      planId: '00000000-0000-4000-8000-000000000001',
      organisationId,
    })) as Job;
    await process(null, { job: deleted, log });
    const plan = await createPlanWithStages(db, {
      organisationId,
      name: 'p',
      filename: 'p.pdf',
      sizeBytes: 1,
      sha256: 'a'.repeat(64),
      edition: '2026',
    });
    await completeStage(db, plan.id, 'bom', { already: true }, new Date());
    const duplicate = (await planBomQueue.add(queues.planBom.name, {
      planId: plan.id,
      organisationId,
    })) as Job;
    await process(null, { job: duplicate, log });
    expect(await generatedCount(metrics)).toBe(0);
  });
});
