import { ensureOrganisation } from '@saeq/shared/auth';
import type { Db } from '@saeq/shared/db';
import { planStages, stageResults } from '@saeq/shared/db';
import { createPlanWithStages } from '@saeq/shared/plans';
import { enqueue, openQueue, queues, stageJobId } from '@saeq/shared/queues';
import { FileBlobStore } from '@saeq/shared/storage';
import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { testRedisUrl } from './infra.ts';

/**
 * Submits a plan the way the gateway does (store the file, record plan + stages, enqueue the
 * analysis), for worker tests that run without a gateway.
 */
export async function submitPlanDirect(opts: {
  db: Db;
  dataDir: string;
  prefix: string;
  pdf: Uint8Array;
  org?: string;
}) {
  const organisationId = await ensureOrganisation(opts.db, opts.org ?? 'acme');
  const { sha256, sizeBytes } = await new FileBlobStore(opts.dataDir).put(opts.pdf);
  const plan = await createPlanWithStages(opts.db, {
    organisationId,
    name: 'test',
    filename: 'test.pdf',
    sizeBytes,
    sha256,
    edition: '2026',
  });
  const connection = new Redis(testRedisUrl, { maxRetriesPerRequest: 1 });
  const queue = openQueue(queues.planAnalysis, connection, opts.prefix);
  try {
    await enqueue(
      queue,
      queues.planAnalysis,
      { planId: plan.id, organisationId, fileSha256: sha256, edition: '2026' },
      { jobId: stageJobId(plan.id, 'analysis') },
    );
  } finally {
    await queue.close();
    connection.disconnect();
  }
  return plan.id;
}

export async function stagesOf(db: Db, planId: string) {
  const rows = await db.select().from(planStages).where(eq(planStages.planId, planId));
  return Object.fromEntries(rows.map((r) => [r.stage, r]));
}

export async function resultRowsOf(db: Db, planId: string) {
  return db.select().from(stageResults).where(eq(stageResults.planId, planId));
}

/** A queue handle on the test Redis for inspecting jobs; close it after use. */
export function inspectQueue(name: string, prefix: string) {
  const connection = new Redis(testRedisUrl, { maxRetriesPerRequest: 1 });
  const queue = new Queue(name, { connection, prefix });
  return {
    queue,
    close: async () => {
      await queue.close();
      connection.disconnect();
    },
  };
}
