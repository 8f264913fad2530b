import { agentRuns } from '@saeq/shared/db';
import { errorMessages } from '@saeq/shared/errors';
import { queues } from '@saeq/shared/queues';
import { testRedisUrl } from '@saeq/testing';
import { UnrecoverableError, Worker } from 'bullmq';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentsHarness, startAgentsHarness } from './harness.ts';

// The agents worker's side of the reconciler (real Postgres and Redis, offline mode): a run
// Postgres shows queued without a job is queued again and answered; a run whose job BullMQ failed
// outside the processor (stalled limit) is failed with `worker_crashed`, in the run's language,
// with one terminal status event.

let h: AgentsHarness;
beforeAll(async () => {
  // No periodic pass: the test runs them itself.
  h = await startAgentsHarness({ offline: true, env: { RECONCILE_INTERVAL_MS: '0' } });
});
afterAll(async () => {
  await h?.close();
});

/** A run row as the gateway writes it, last changed a minute ago (past the reconciler's grace). */
async function insertRun(lang: 'fr' | 'en' = 'fr') {
  const [row] = await h.db
    .insert(agentRuns)
    .values({
      organisationId: h.orgs.acme,
      agentId: 'electrical-calculator',
      message: 'Quelle est la chute de tension pour 30 m de 12 AWG à 15 A sous 120 V ?',
      lang,
      updatedAt: new Date(Date.now() - 60_000),
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

describe('agent-run reconciliation', () => {
  it('queues again a run without a job, and fails a run whose job failed unrecorded', async () => {
    const orphan = await insertRun();
    const crashed = await insertRun('en');

    // The crashed run's job: taken by a worker that died every time (BullMQ's stalled check
    // fails it with this reason; here a manual worker does the same while the service is paused).
    const worker = h.service.workers[0];
    await worker?.pause();
    const connection = new Redis(testRedisUrl, { maxRetriesPerRequest: null });
    const manual = new Worker(queues.agentRun.name, null, { connection, prefix: h.prefix });
    await h.queue.add(
      queues.agentRun.name,
      { runId: crashed.id, organisationId: h.orgs.acme, agentId: crashed.agentId },
      { jobId: crashed.id, attempts: 5 },
    );
    const taken = await manual.getNextJob('manual');
    expect(taken?.id).toBe(crashed.id);
    await h.db
      .update(agentRuns)
      .set({ status: 'processing', updatedAt: new Date(Date.now() - 60_000) })
      .where(eq(agentRuns.id, crashed.id));
    await taken?.moveToFailed(new UnrecoverableError('job stalled more than allowable limit'), 'manual');
    await manual.close();
    connection.disconnect();
    worker?.resume();

    const reports = await h.service.reconcileNow();
    expect(reports[queues.agentRun.name]).toEqual({
      checked: 2,
      live: 0,
      requeued: 1,
      failed: 1,
      settled: 0,
    });

    const answered = await h.waitFinished(orphan.id);
    expect(answered.status).toBe('completed');
    expect(answered.answer).toEqual(expect.any(String));

    const failed = await h.waitFinished(crashed.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toEqual({ code: 'worker_crashed', message: errorMessages.worker_crashed.en.detail });
    const terminal = (await h.events(crashed.id)).filter(
      (e) => e.type === 'status' && ['completed', 'failed'].includes((e.data as { status: string }).status),
    );
    expect(terminal).toHaveLength(1);

    // Nothing left: a second pass changes nothing.
    const again = (await h.service.reconcileNow())[queues.agentRun.name];
    expect(again?.requeued).toBe(0);
    expect(again?.failed).toBe(0);
  }, 30_000);
});
