import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildHeavyPdf,
  createTestDatabase,
  deleteQueuePrefix,
  getFreePort,
  inspectQueue,
  type RunningService,
  stagesOf,
  startService,
  submitPlanDirect,
  testRedisUrl,
  uniqueName,
  waitFor,
  waitHealthy,
} from '@saeq/testing';
import { reapStale, recordOwned } from '../lib/infra.ts';
import { workerEnv } from '../lib/saeq-processes.ts';

/**
 * Scenario 5: a job whose worker dies every time it runs it (a poison job: here the worker is
 * SIGKILLed each time the job is seen processing). BullMQ gives up after `maxStalledCount`
 * stalls and fails the job; the plan's stage must then be settled (failed, with a code), not
 * left "processing" forever where no client, webhook or retry will ever see it end.
 */
export type CrashLoopReport = {
  crashes: number;
  /** The BullMQ job's final state and reason. */
  job: { state: string; failedReason: string | null; stalledCount: number | null };
  /** The stage as Postgres (what clients poll) shows it `graceMs` after BullMQ gave up. */
  stage: { status: string; error: { code: string; message: string } | null };
};

export async function crashLoopScenario(opts: {
  crashes: number;
  /** How long after BullMQ gave up the stage may take to show it. */
  graceMs: number;
  log?: (line: string) => void;
}): Promise<CrashLoopReport> {
  const log = opts.log ?? (() => {});
  const db = await createTestDatabase();
  const prefix = uniqueName('chaos_crash');
  const dataDir = mkdtempSync(join(tmpdir(), 'saeq-chaos-crash-'));
  const conn = { databaseUrl: db.url, redisUrl: testRedisUrl, prefix, dataDir };
  let worker: RunningService | undefined;
  const start = async () => {
    const port = await getFreePort();
    worker = startService(
      'worker-pdf',
      workerEnv(conn, { METRICS_PORT: String(port), WORKER_LOCK_DURATION_MS: '2000', PDF_CONCURRENCY: '1' }),
    );
    const pid = worker.child.pid;
    if (pid !== undefined)
      void worker.exited.then(recordOwned({ kind: 'process', pid, match: 'worker-pdf' }));
    await waitHealthy(`http://127.0.0.1:${port}/health/ready`, 120_000);
  };
  await reapStale();
  try {
    const pdf = await buildHeavyPdf({ pages: 60, segmentsPerPage: 4000 });
    const planId = await submitPlanDirect({ db: db.handle.db, dataDir, prefix, pdf });
    const q = inspectQueue('plan-analysis', prefix);
    try {
      for (let crash = 1; crash <= opts.crashes; crash++) {
        await start();
        // Processing by this very process (BullMQ records the worker that took the job).
        const pid = worker?.child.pid;
        await waitFor(
          async () => {
            const job = await q.queue.getJob(`${planId}_analysis`);
            const s = (await stagesOf(db.handle.db, planId)).analysis;
            return (
              (await job?.getState()) === 'active' &&
              job?.processedBy?.endsWith(`:${pid}`) === true &&
              s?.status === 'processing'
            );
          },
          { timeoutMs: 120_000, intervalMs: 100, what: `processing (crash ${crash})` },
        );
        worker?.kill('SIGKILL');
        await worker?.exited;
        log(`  crash ${crash}: worker SIGKILLed while processing`);
        // Let the stalled check of the next worker pick it up.
      }
      await start();
      const job = await waitFor(
        async () => {
          const j = await q.queue.getJob(`${planId}_analysis`);
          const state = await j?.getState();
          return state === 'failed' || state === 'completed' ? { j, state } : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 200, what: 'BullMQ job finished' },
      );
      log(`  BullMQ job ${job.state}: ${job.j?.failedReason ?? ''}`);
      // Give the system every chance to record it.
      await new Promise((r) => setTimeout(r, opts.graceMs));
      const stage = (await stagesOf(db.handle.db, planId)).analysis;
      log(`  stage ${opts.graceMs} ms later: ${stage?.status} ${JSON.stringify(stage?.error ?? null)}`);
      return {
        crashes: opts.crashes,
        job: {
          state: job.state,
          failedReason: job.j?.failedReason ?? null,
          stalledCount: (job.j as unknown as { stc?: number } | undefined)?.stc ?? null,
        },
        stage: { status: stage?.status ?? 'missing', error: stage?.error ?? null },
      };
    } finally {
      await q.close();
    }
  } finally {
    worker?.kill('SIGKILL');
    await worker?.exited;
    await db.drop();
    await deleteQueuePrefix(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
