import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planStages, plans, stageResults } from '@saeq/shared/db';
import {
  buildTextPdf,
  createTestDatabase,
  deleteQueuePrefix,
  getFreePort,
  inspectQueue,
  type RunningService,
  stagesOf,
  startService,
  submitPlanDirect,
  type TestDatabase,
  testRedisUrl,
  uniqueName,
  waitFor,
  waitHealthy,
} from '@saeq/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_MAX_PAGES, type HostileCase, hostileCases } from '../../../scripts/hostile-pdfs/corpus.ts';
import { bearer, startTestGateway } from '../../gateway/test/harness.ts';

// The hostile-PDF corpus (scripts/hostile-pdfs/corpus.ts) against a real worker-pdf process on
// the real Redis and Postgres (issue 10). For each file: the stage ends with the expected code
// (or completes with the text read and the right warnings), on the first attempt, within the
// job's time limit, with the worker process's peak RSS growth during the job inside its memory
// budget; the worker then stays healthy and analyses a good plan. Files without a %PDF- header
// never become jobs: the gateway refuses them with 415 (tested through the gateway app).

const limits = { timeoutMs: 25_000, maxMemoryMb: 384 };
/**
 * Memory budget of one job, as growth of the worker process's peak RSS (VmHWM, reset before the
 * job) over its RSS when the job started: the analysis thread's heap limit
 * (PDF_JOB_MAX_MEMORY_MB), its young generation (64 MB, analysis-pool.ts) and 64 MB for native
 * buffers a bounded job legitimately uses (page canvas of the preview, zlib windows).
 */
const memoryBudgetMb = limits.maxMemoryMb + 64 + 64;
/** Time between the stage's start and end beyond the limit: file read, result write, thread kill. */
const timeSlackMs = 5_000;

let db: TestDatabase;
let prefix: string;
let dataDir: string;
let worker: RunningService;
let health: string;
let goodPdf: Uint8Array;
const measured: {
  name: string;
  outcome: string;
  durationMs: number;
  growthMb: number;
  sizeBytes: number;
}[] = [];

const procStatus = (pid: number, field: 'VmRSS' | 'VmHWM'): number => {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? Number.NaN) / 1024;
};
/** Resets the process's peak RSS (VmHWM) to its current RSS (proc(5), clear_refs "5"). */
const resetPeak = (pid: number) => writeFileSync(`/proc/${pid}/clear_refs`, '5');

function workerPid(): number {
  const pid = worker.child.pid;
  if (pid === undefined) throw new Error('worker-pdf has no pid');
  return pid;
}

async function waitSettled(planId: string, timeoutMs: number) {
  return waitFor(
    async () => {
      const s = (await stagesOf(db.handle.db, planId)).analysis;
      return s && (s.status === 'completed' || s.status === 'failed') ? s : undefined;
    },
    { timeoutMs, intervalMs: 100, what: `analysis of ${planId} settled` },
  );
}

/** A good plan analysed end to end: the worker is up and its analysis thread warm. */
async function expectGoodPlanCompletes(label: string) {
  expect((await fetch(`${health}/health`)).status, `${label}: /health`).toBe(200);
  const planId = await submitPlanDirect({ db: db.handle.db, dataDir, prefix, pdf: goodPdf });
  const stage = await waitSettled(planId, 90_000);
  expect(stage.status, `${label}: a good plan afterwards`).toBe('completed');
}

async function analysisResult(planId: string) {
  const rows = await db.handle.db
    .select({ result: stageResults.result })
    .from(stageResults)
    .where(and(eq(stageResults.planId, planId), eq(stageResults.stage, 'analysis')));
  return rows[0]?.result as
    | { pages: { number: number; text: string }[]; warnings: { code: string; page: number | null }[] }
    | undefined;
}

beforeAll(async () => {
  db = await createTestDatabase();
  prefix = uniqueName('hostile');
  dataDir = mkdtempSync(join(tmpdir(), 'saeq-hostile-'));
  goodPdf = await buildTextPdf(['Plan témoin après un fichier hostile']);
  const port = await getFreePort();
  health = `http://127.0.0.1:${port}`;
  worker = startService('worker-pdf', {
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: prefix,
    DATA_DIR: dataDir,
    METRICS_PORT: String(port),
    METRICS_HOST: '127.0.0.1',
    PDF_CONCURRENCY: '1',
    PDF_JOB_TIMEOUT_MS: String(limits.timeoutMs),
    PDF_JOB_MAX_MEMORY_MB: String(limits.maxMemoryMb),
    PDF_MAX_PAGES: String(HOSTILE_MAX_PAGES),
    PDF_PREVIEW_PAGES: '1',
  });
  await waitHealthy(`${health}/health/ready`, 60_000);
  // Warm the analysis thread so the first hostile job is measured alone.
  await expectGoodPlanCompletes('warm-up');
}, 180_000);

afterAll(async () => {
  if (measured.length > 0) {
    console.log(
      `hostile corpus (timeout ${limits.timeoutMs} ms, heap ${limits.maxMemoryMb} MB, budget ${memoryBudgetMb} MB):\n${measured
        .map(
          (m) =>
            `  ${m.name.padEnd(24)} ${m.outcome.padEnd(24)} ${String(m.durationMs).padStart(6)} ms  +${m.growthMb.toFixed(0).padStart(5)} MB peak RSS  (${m.sizeBytes} B)`,
        )
        .join('\n')}`,
    );
  }
  worker?.kill('SIGKILL');
  await worker?.exited;
  await db?.drop();
  await deleteQueuePrefix(prefix);
  rmSync(dataDir, { recursive: true, force: true });
});

const jobCases = hostileCases.filter((c) => c.expect.outcome !== 'rejected');
const rejectedCases = hostileCases.filter((c) => c.expect.outcome === 'rejected');

describe('hostile PDFs through a real worker-pdf process', () => {
  it.each(jobCases.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, hostile: HostileCase) => {
      const pdf = await hostile.build();
      const pid = workerPid();
      resetPeak(pid);
      const baselineMb = procStatus(pid, 'VmRSS');
      const planId = await submitPlanDirect({ db: db.handle.db, dataDir, prefix, pdf });
      const stage = await waitSettled(planId, limits.timeoutMs + 60_000);
      const growthMb = procStatus(pid, 'VmHWM') - baselineMb;
      const durationMs = (stage.finishedAt?.getTime() ?? Number.NaN) - (stage.startedAt?.getTime() ?? 0);
      measured.push({
        name: hostile.name,
        outcome: stage.status === 'failed' ? `failed ${stage.error?.code}` : 'completed',
        durationMs,
        growthMb,
        sizeBytes: pdf.length,
      });

      // The worker process survived the file.
      expect.soft(worker.child.exitCode, 'worker-pdf exited').toBeNull();
      expect.soft(worker.child.signalCode, 'worker-pdf was killed').toBeNull();
      expect.soft((await fetch(`${health}/health`)).status).toBe(200);

      const expected = hostile.expect;
      if (expected.outcome === 'failed') {
        expect.soft(stage.status).toBe('failed');
        expect.soft(expected.codes).toContain(stage.error?.code);
        // Permanent: one attempt, no retry, the BullMQ job failed too.
        expect.soft(stage.attempts).toBe(1);
        const q = inspectQueue('plan-analysis', prefix);
        try {
          // The processor records the stage before BullMQ records the job's failure: a fast job
          // can still be active here.
          const job = await waitFor(
            async () => {
              const found = await q.queue.getJob(`${planId}_analysis`);
              return found && (await found.getState()) !== 'active' ? found : undefined;
            },
            { timeoutMs: 10_000, intervalMs: 50, what: `BullMQ job of ${planId} finished` },
          );
          expect.soft(job.attemptsMade).toBe(1);
          expect.soft(await job.getState()).toBe('failed');
        } finally {
          await q.close();
        }
        // A failed analysis settles the plan: the later stages never ran.
        const stages = await stagesOf(db.handle.db, planId);
        expect.soft(stages.compliance?.status).toBe('queued');
        expect.soft(stages.bom?.status).toBe('queued');
        expect.soft(await analysisResult(planId)).toBeUndefined();
      } else if (expected.outcome === 'completed') {
        expect.soft(stage.status, JSON.stringify(stage.error)).toBe('completed');
        const [plan] = await db.handle.db.select().from(plans).where(eq(plans.id, planId));
        expect.soft(plan?.pages).toBe(expected.pages);
        const result = await analysisResult(planId);
        expect.soft(result?.pages).toHaveLength(expected.analysedPages ?? expected.pages);
        if (expected.text) expect.soft(result?.pages[0]?.text).toContain(expected.text);
        for (const code of expected.warnings ?? [])
          expect.soft(result?.warnings.map((w) => w.code)).toContain(code);
      }

      // Within the job's time limit and memory budget.
      expect.soft(durationMs).toBeLessThanOrEqual(limits.timeoutMs + timeSlackMs);
      expect
        .soft(growthMb, `peak RSS growth of worker-pdf during ${hostile.name}`)
        .toBeLessThanOrEqual(memoryBudgetMb);

      await expectGoodPlanCompletes(hostile.name);
    },
    240_000,
  );

  it('never runs the JavaScript or font programs a PDF carries', async () => {
    // The javascript case completed well inside its limit (an executed `while (true)` would
    // have hit pdf_timeout), and the CVE-2024-4367 payload never printed its marker.
    const js = measured.find((m) => m.name === 'javascript');
    expect.soft(js?.outcome).toBe('completed');
    expect.soft(js?.durationMs).toBeLessThan(limits.timeoutMs);
    expect.soft(measured.find((m) => m.name === 'font-matrix-injection')?.outcome).toBe('completed');
    expect.soft(worker.output()).not.toContain('SAEQ_PWNED');
  });

  it('processed every hostile file as exactly one job, and stays ready', async () => {
    const rows = await db.handle.db.select({ status: planStages.status }).from(planStages);
    expect.soft(rows.every((r) => r.status !== 'processing')).toBe(true);
    const ready = await fetch(`${health}/health/ready`);
    expect.soft(ready.status).toBe(200);
    expect.soft(worker.output()).not.toMatch(/FATAL|uncaught/i);
  });
});

describe('files that are not PDFs never become jobs', () => {
  it.each(rejectedCases.map((c) => [c.name, c] as const))(
    '%s is refused by the gateway with 415 and nothing is stored or queued',
    async (_name, hostile: HostileCase) => {
      const gw = await startTestGateway({ RATE_LIMITS_ENABLED: 'false' });
      try {
        const pdf = await hostile.build();
        const form = new FormData();
        form.set('file', new File([pdf], `${hostile.name}.pdf`, { type: 'application/pdf' }));
        const multipart = await gw.app.request('/v1/plans', {
          method: 'POST',
          body: form,
          headers: bearer(gw.keys.acme),
        });
        expect.soft(multipart.status).toBe(415);
        expect.soft(multipart.headers.get('content-type')).toContain('application/problem+json');
        const raw = await gw.app.request('/v1/plans?name=brut', {
          method: 'POST',
          body: pdf,
          headers: bearer(gw.keys.acme, { 'content-type': 'application/pdf' }),
        });
        expect.soft(raw.status).toBe(415);
        expect.soft(await gw.db.handle.db.select().from(plans)).toHaveLength(0);
        expect.soft(await gw.deps.queues.planAnalysis.getJobCounts('waiting', 'active', 'delayed')).toEqual({
          waiting: 0,
          active: 0,
          delayed: 0,
        });
      } finally {
        await gw.close();
      }
    },
    60_000,
  );
});
