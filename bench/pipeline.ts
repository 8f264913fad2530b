import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildHeavyPdf, type RunningService, repoRoot, submitPlanDirect, waitFor } from '@saeq/testing';
import pg from 'pg';
import { startBenchGateway, uploadPlan } from './bench-gateway.ts';
import { type BenchRow, durationRow, isMain, markdownTable, percentile, throughputRow } from './report.ts';
import {
  benchEnvironment,
  disposeBenchEnvironment,
  pdftocairoPeakMb,
  procKb,
  startBenchWorker,
} from './worker-fleet.ts';

/**
 * The plan pipeline end to end, with worker processes as in production:
 * - latency p50/p99 of a plan (upload → analysis, compliance and BOM completed) at a fixed
 *   arrival rate, against the plan's own work time (the sum of its stages' run times);
 * - CPU-bound analyses on one worker-pdf process vs two (scaling ratio, goal ≥ 1.8);
 * - peak RSS growth of worker-pdf per plan page, against `pdftocairo -svg` on the same file.
 *
 *   node --import tsx bench/pipeline.ts [--rate 1] [--seconds 30] [--plans 12]
 */

type StageTimes = { planId: string; completed: boolean; finishedAt: number; workMs: number };

async function stageTimes(databaseUrl: string, planIds: string[], stages: string[]): Promise<StageTimes[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{
      plan_id: string;
      completed: boolean;
      finished_at: Date | null;
      work_ms: number | null;
    }>(
      `select plan_id, bool_and(status = 'completed') as completed, max(finished_at) as finished_at,
              sum(extract(epoch from (finished_at - started_at)) * 1000)::float as work_ms
         from plan_stages where plan_id = any($1::uuid[]) and stage = any($2::text[]) group by plan_id`,
      [planIds, stages],
    );
    return rows.map((r) => ({
      planId: r.plan_id,
      completed: r.completed,
      finishedAt: r.finished_at?.getTime() ?? Number.NaN,
      workMs: r.work_ms ?? Number.NaN,
    }));
  } finally {
    await client.end();
  }
}

export async function waitAllCompleted(
  databaseUrl: string,
  planIds: string[],
  stages: string[],
  timeoutMs: number,
) {
  return waitFor(
    async () => {
      const times = await stageTimes(databaseUrl, planIds, stages);
      return times.length === planIds.length && times.every((t) => t.completed) ? times : undefined;
    },
    { timeoutMs, intervalMs: 200, what: `${planIds.length} plans completed` },
  );
}

/** Latency of whole plans at a fixed arrival rate through the gateway (HTTP) and real workers. */
async function latencyAtRate(opts: { rate: number; seconds: number }): Promise<BenchRow[]> {
  const env = await benchEnvironment('pipe');
  const services: RunningService[] = [];
  const gateway = await startBenchGateway(env, { scopes: ['admin'] });
  const { key, url } = gateway;
  try {
    services.push(
      (await startBenchWorker(env, 'worker-pdf')).service,
      (await startBenchWorker(env, 'worker-bom')).service,
    );
    const pdf = new Uint8Array(readFileSync(join(repoRoot, 'fixtures/plans/plan-08-house-4-tabloid-fr.pdf')));
    const upload = async () => {
      const sent = Date.now();
      const res = await uploadPlan(url, key, pdf, 'plan-08.pdf');
      if (res.id === undefined) throw new Error(`upload answered ${res.status}`);
      return { id: res.id, sent };
    };
    // Warm-up: the analysis thread boots on the first plan.
    const warm = await upload();
    await waitAllCompleted(env.db.url, [warm.id], ['analysis', 'compliance', 'bom'], 120_000);

    const total = Math.round(opts.rate * opts.seconds);
    const started = Date.now();
    const sent: Promise<{ id: string; sent: number }>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / opts.rate;
      await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
      sent.push(upload());
    }
    const plans = await Promise.all(sent);
    const times = await waitAllCompleted(
      env.db.url,
      plans.map((p) => p.id),
      ['analysis', 'compliance', 'bom'],
      600_000,
    );
    const sentAt = new Map(plans.map((p) => [p.id, p.sent]));
    const latencies = times.map((t) => t.finishedAt - (sentAt.get(t.planId) ?? 0)).sort((a, b) => a - b);
    const work = times.map((t) => t.workMs).sort((a, b) => a - b);
    const label = `plan-08 (4 sheets) at ${opts.rate}/s for ${opts.seconds} s, 1 worker-pdf + 1 worker-bom`;
    return [
      durationRow('pipeline', `latency p50 — ${label}`, percentile(latencies, 50), percentile(work, 50), {
        baselineLabel: 'work time p50',
      }),
      durationRow('pipeline', `latency p99 — ${label}`, percentile(latencies, 99), percentile(work, 99), {
        baselineLabel: 'work time p99',
      }),
    ];
  } finally {
    await gateway.close();
    await disposeBenchEnvironment(env, services);
  }
}

/** `processes` worker-pdf processes (one analysis at a time each) on the same CPU-bound plans. */
async function analysisThroughput(processes: number, pdf: Uint8Array, plans: number): Promise<number> {
  const env = await benchEnvironment('pipe');
  const services: RunningService[] = [];
  try {
    for (let i = 0; i < processes; i++)
      services.push((await startBenchWorker(env, 'worker-pdf', { PDF_CONCURRENCY: '1' })).service);
    // Warm every process's analysis thread: one small plan each, until each has served one.
    const warm = await Promise.all(
      services.map(() =>
        submitPlanDirect({ db: env.db.handle.db, dataDir: env.dataDir, prefix: env.prefix, pdf }),
      ),
    );
    await waitAllCompleted(env.db.url, warm, ['analysis'], 300_000);
    const started = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < plans; i++)
      ids.push(
        await submitPlanDirect({ db: env.db.handle.db, dataDir: env.dataDir, prefix: env.prefix, pdf }),
      );
    await waitAllCompleted(env.db.url, ids, ['analysis'], 600_000);
    return plans / ((Date.now() - started) / 1000);
  } finally {
    await disposeBenchEnvironment(env, services);
  }
}

/** Peak RSS growth of a warm worker-pdf analysing one many-page plan, and pdftocairo's on the same file. */
async function rssPerPage(pages: number): Promise<BenchRow[]> {
  const env = await benchEnvironment('pipe');
  const services: RunningService[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'saeq-bench-rss-'));
  try {
    const pdf = await buildHeavyPdf({ pages, segmentsPerPage: 2000 });
    const { service } = await startBenchWorker(env, 'worker-pdf', { PDF_CONCURRENCY: '1' });
    services.push(service);
    const pid = service.child.pid ?? 0;
    const small = await buildHeavyPdf({ pages: 1, segmentsPerPage: 10 });
    const warm = await submitPlanDirect({
      db: env.db.handle.db,
      dataDir: env.dataDir,
      prefix: env.prefix,
      pdf: small,
    });
    await waitAllCompleted(env.db.url, [warm], ['analysis'], 300_000);
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    const baseKb = procKb(pid, 'VmRSS');
    const id = await submitPlanDirect({
      db: env.db.handle.db,
      dataDir: env.dataDir,
      prefix: env.prefix,
      pdf,
    });
    await waitAllCompleted(env.db.url, [id], ['analysis'], 600_000);
    const oursMb = (procKb(pid, 'VmHWM') - baseKb) / 1024;
    const file = join(dir, 'rss.pdf');
    writeFileSync(file, pdf);
    const popplerMb = await pdftocairoPeakMb(file, dir);
    return [
      {
        ...throughputRow(
          'pipeline',
          `peak RSS per plan page — ${pages}-page dense plan, warm worker-pdf (growth over its idle RSS)`,
          oursMb / pages,
          popplerMb / pages,
          'MB/page',
          { baselineLabel: 'pdftocairo -svg (whole process)' },
        ),
        note: `(${oursMb.toFixed(0)} MB vs ${popplerMb.toFixed(0)} MB for the file)`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await disposeBenchEnvironment(env, services);
  }
}

export async function benchPipeline(
  opts: { rate?: number | undefined; seconds?: number | undefined; plans?: number | undefined } = {},
): Promise<BenchRow[]> {
  const rows = await latencyAtRate({ rate: opts.rate ?? 1, seconds: opts.seconds ?? 30 });
  const cpuBound = await buildHeavyPdf({ pages: 6, segmentsPerPage: 4000 });
  const plans = opts.plans ?? 12;
  const one = await analysisThroughput(1, cpuBound, plans);
  const two = await analysisThroughput(2, cpuBound, plans);
  rows.push(
    throughputRow('pipeline', `CPU-bound analyses (6 dense pages), 2 worker-pdf vs 1`, two, one, 'plans/s', {
      goalAtLeast: 1.8,
      baselineLabel: '1 worker-pdf',
    }),
  );
  rows.push(...(await rssPerPage(20)));
  return rows;
}

if (isMain(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const rows = await benchPipeline({ rate: arg('--rate'), seconds: arg('--seconds'), plans: arg('--plans') });
  console.log(markdownTable(rows));
  process.exit(0);
}
