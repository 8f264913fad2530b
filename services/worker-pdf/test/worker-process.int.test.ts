import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildHeavyPdf,
  buildTextPdf,
  buildTruncatedPdf,
  createTestDatabase,
  deleteQueuePrefix,
  inspectQueue,
  type RunningService,
  resultRowsOf,
  stagesOf,
  startService,
  submitPlanDirect,
  type TestDatabase,
  testRedisUrl,
  uniqueName,
  waitFor,
  waitHealthy,
} from '@saeq/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// worker-pdf as real processes on the real Redis and Postgres: crash recovery, bad input,
// horizontal scaling and graceful shutdown (issue 3 acceptance 3–6).

let db: TestDatabase;
let prefix: string;
let dataDir: string;
let heavyPdf: Uint8Array;
const running: RunningService[] = [];
let nextPort = 19_400 + Math.floor(Math.random() * 400);

function startPdfWorker(extra: Record<string, string> = {}) {
  const port = nextPort++;
  const service = startService('worker-pdf', {
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: prefix,
    DATA_DIR: dataDir,
    METRICS_PORT: String(port),
    METRICS_HOST: '127.0.0.1',
    WORKER_LOCK_DURATION_MS: '2000',
    PDF_CONCURRENCY: '1',
    // Previews of these synthetic heavy pages are not what is tested here.
    PDF_PREVIEW_PAGES: '1',
    ...extra,
  });
  running.push(service);
  return { service, health: `http://127.0.0.1:${port}` };
}

async function waitStage(planId: string, stage: 'analysis', statuses: string[], timeoutMs: number) {
  return waitFor(
    async () => {
      const s = (await stagesOf(db.handle.db, planId))[stage];
      return s && statuses.includes(s.status) ? s : undefined;
    },
    { timeoutMs, what: `${stage} in ${statuses.join('|')}` },
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  prefix = uniqueName('wpdf');
  dataDir = mkdtempSync(join(tmpdir(), 'saeq-wpdf-'));
  heavyPdf = await buildHeavyPdf({ pages: 50, segmentsPerPage: 4000 });
});
afterEach(async () => {
  for (const s of running.splice(0)) {
    s.kill('SIGKILL');
    await s.exited;
  }
});
afterAll(async () => {
  await db?.drop();
  await deleteQueuePrefix(prefix);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('worker-pdf process', () => {
  it('recovers a job whose worker was SIGKILLed mid-job, with exactly one result row', async () => {
    const first = startPdfWorker();
    await waitHealthy(`${first.health}/health`);
    const planId = await submitPlanDirect({ db: db.handle.db, dataDir, prefix, pdf: heavyPdf });
    await waitStage(planId, 'analysis', ['processing'], 15_000);
    first.service.kill('SIGKILL');
    expect(await first.service.exited).toBe('SIGKILL');
    expect((await stagesOf(db.handle.db, planId)).analysis?.status).toBe('processing');

    const second = startPdfWorker();
    await waitHealthy(`${second.health}/health`);
    const done = await waitStage(planId, 'analysis', ['completed', 'failed'], 45_000);
    expect(done.status).toBe('completed');
    const rows = (await resultRowsOf(db.handle.db, planId)).filter((r) => r.stage === 'analysis');
    expect(rows).toHaveLength(1);
    expect((rows[0]?.result as { pages: unknown[] } | undefined)?.pages).toHaveLength(50);
  }, 120_000);

  it('fails a truncated PDF once with pdf_unreadable and keeps serving', async () => {
    const worker = startPdfWorker();
    await waitHealthy(`${worker.health}/health`);
    const bad = await submitPlanDirect({ db: db.handle.db, dataDir, prefix, pdf: await buildTruncatedPdf() });
    const failed = await waitStage(bad, 'analysis', ['failed', 'completed'], 60_000);
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('pdf_unreadable');
    expect(failed.attempts).toBe(1);
    const q = inspectQueue('plan-analysis', prefix);
    const job = await q.queue.getJob(`${bad}_analysis`);
    expect(job?.attemptsMade).toBe(1);
    expect(await job?.getState()).toBe('failed');
    await q.close();

    expect((await fetch(`${worker.health}/health/ready`)).status).toBe(200);
    const good = await submitPlanDirect({
      db: db.handle.db,
      dataDir,
      prefix,
      pdf: await buildTextPdf(['Plan correct']),
    });
    expect((await waitStage(good, 'analysis', ['completed', 'failed'], 60_000)).status).toBe('completed');
  }, 120_000);

  it('shares one queue between two worker processes', async () => {
    const a = startPdfWorker({ PDF_CONCURRENCY: '1' });
    const b = startPdfWorker({ PDF_CONCURRENCY: '1' });
    await Promise.all([waitHealthy(`${a.health}/health`), waitHealthy(`${b.health}/health`)]);
    const probe = inspectQueue('plan-analysis', prefix);
    await waitFor(async () => (await probe.queue.getWorkersCount()) >= 2, {
      timeoutMs: 30_000,
      what: 'both workers connected',
    });
    await probe.close();
    const pdf = await buildHeavyPdf({ pages: 4, segmentsPerPage: 2000 });
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push(await submitPlanDirect({ db: db.handle.db, dataDir, prefix, pdf }));
    for (const id of ids)
      expect((await waitStage(id, 'analysis', ['completed', 'failed'], 40_000)).status).toBe('completed');
    const q = inspectQueue('plan-analysis', prefix);
    const workers = new Set<string>();
    for (const id of ids) {
      const job = await q.queue.getJob(`${id}_analysis`);
      if (job?.processedBy) workers.add(job.processedBy);
    }
    await q.close();
    expect(workers.size).toBe(2);
    expect([...workers].join(' ')).toContain(`:${a.service.child.pid}`);
    expect([...workers].join(' ')).toContain(`:${b.service.child.pid}`);
  }, 120_000);

  it('finishes the running job on SIGTERM and exits 0 within 30 s', async () => {
    const worker = startPdfWorker({ WORKER_LOCK_DURATION_MS: '30000' });
    await waitHealthy(`${worker.health}/health`);
    // A job of a few seconds: long enough to be caught mid-flight, short enough for the grace period.
    const planId = await submitPlanDirect({
      db: db.handle.db,
      dataDir,
      prefix,
      pdf: await buildHeavyPdf({ pages: 12, segmentsPerPage: 4000 }),
    });
    await waitStage(planId, 'analysis', ['processing'], 15_000);
    const signalled = Date.now();
    worker.service.kill('SIGTERM');
    const code = await worker.service.exited;
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(30_000);
    expect((await stagesOf(db.handle.db, planId)).analysis?.status).toBe('completed');
  }, 120_000);
});
