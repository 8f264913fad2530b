import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { type RunningService, submitPlanDirect, waitFor } from '@saeq/testing';
import pg from 'pg';
import { buildAnalysis } from '../services/worker-pdf/src/analysis/build-analysis.ts';
import { extractDocument, loadPdfjs } from '../services/worker-pdf/src/extraction/index.ts';
import { renderPreviews } from '../services/worker-pdf/src/preview/render-preview.ts';
import { planSet } from './pdf-extraction.ts';
import { type BenchRow, durationRow, isMain, markdownTable, median, throughputRow } from './report.ts';
import {
  type BenchEnv,
  benchEnvironment,
  disposeBenchEnvironment,
  pdftocairoPeakMb,
  procKb,
  startBenchWorker,
} from './worker-fleet.ts';

/**
 * Issue 5's two pipeline goals, measured through the real worker-pdf process (its BullMQ
 * worker, `AnalysisPool` thread, extraction, analysis and annotated previews, with the
 * service's default limits):
 * - full analysis of a 10-page plan in under 3 s (the analysis stage's own run time, from
 *   `plan_stages`, warm worker; median of `--runs`), against `pdftocairo -svg` on the same file;
 * - peak RSS of the worker process while it analyses a 50-page plan under 300 MB (absolute
 *   `VmHWM`, reset with `/proc/<pid>/clear_refs` once the worker has served one small plan and
 *   idles), against `pdftocairo -svg`'s peak RSS on the same file (GNU time).
 *
 * The plans are sheets of the generated corpus (fixtures/plans) concatenated in order. To show
 * where the 10-page time goes, the same plan is also run in this process, step by step:
 * extraction, analysis (@saeq/plan-analysis) and previews (`renderPreviews`, as many pages as the
 * worker previews by default).
 *
 * The worker runs compiled (services/worker-pdf/dist, as `pnpm start` and the image run it:
 * `pnpm build` first, which `pnpm bench` does), or from its sources under tsx with `--sources`.
 *
 *   pnpm build && node --import tsx bench/pdf-pipeline.ts [--runs 3] [--pages 10] [--rss-pages 50]
 *     [--preview-pages N]   (PDF_PREVIEW_PAGES of the worker; default: the service's default)
 *     [--sources]           (the worker from its TypeScript sources under tsx, for comparison)
 *     [--rss-only]          (only the 50-page peak RSS, printed as soon as it is measured)
 *     [--worker-env NAME=VALUE ...]  (more environment for the worker process; NAME= removes NAME)
 */

const run = promisify(execFile);

/** worker-pdf's PDF_PREVIEW_PAGES default (services/worker-pdf/src/env.ts). */
const DEFAULT_PREVIEW_PAGES = 20;

async function stageRun(databaseUrl: string, planId: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; ms: number | null; error: string | null }>(
      `select status, extract(epoch from (finished_at - started_at)) * 1000 as ms, error::text as error
         from plan_stages where plan_id = $1 and stage = 'analysis'`,
      [planId],
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

/** pdftocairo's peak RSS on `pdf`, written under `dir`. */
async function pdftocairoPeakMbOf(pdf: Uint8Array, dir: string): Promise<number> {
  const file = join(dir, 'fifty.pdf');
  writeFileSync(file, pdf);
  return pdftocairoPeakMb(file, dir);
}

async function analyse(env: BenchEnv, pdf: Uint8Array): Promise<{ ms: number; wallMs: number }> {
  const started = performance.now();
  const id = await submitPlanDirect({ db: env.db.handle.db, dataDir: env.dataDir, prefix: env.prefix, pdf });
  const stage = await waitFor(
    async () => {
      const s = await stageRun(env.db.url, id);
      return s && (s.status === 'completed' || s.status === 'failed') ? s : undefined;
    },
    { timeoutMs: 600_000, intervalMs: 50, what: 'analysis stage settled' },
  );
  if (stage.status !== 'completed') throw new Error(`analysis ${stage.status}: ${stage.error}`);
  return { ms: Number(stage.ms), wallMs: performance.now() - started };
}

/** Median wall time of each step of one analysis, run in this process (pdfjs loaded and warm). */
async function stepTimes(pdf: Uint8Array, previewPages: number, runs: number) {
  await loadPdfjs();
  const steps = { extract: [] as number[], analyse: [] as number[], previews: [] as number[] };
  for (let r = 0; r <= runs; r++) {
    let started = performance.now();
    const doc = await extractDocument(pdf);
    const extract = performance.now() - started;
    started = performance.now();
    const analysis = buildAnalysis(doc);
    const analyse = performance.now() - started;
    started = performance.now();
    const pages = analysis.pages
      .slice(0, previewPages)
      .map((p) => ({ number: p.number, symbols: p.symbols }));
    await renderPreviews(pdf, pages, { maxWidthPx: 1600 });
    const previews = performance.now() - started;
    // The first run warms the code paths (JIT), as in a thread that has served a few plans.
    if (r === 0) continue;
    steps.extract.push(extract);
    steps.analyse.push(analyse);
    steps.previews.push(previews);
  }
  return { extract: median(steps.extract), analyse: median(steps.analyse), previews: median(steps.previews) };
}

export async function benchPdfPipeline(
  opts: {
    runs?: number | undefined;
    pages?: number | undefined;
    rssPages?: number | undefined;
    previewPages?: number | undefined;
    /** Run worker-pdf from its TypeScript sources under tsx (the comparison), not compiled. */
    sources?: boolean | undefined;
    /** Only the peak RSS of the 50-page plan (no timings, no poppler baseline). */
    rssOnly?: boolean | undefined;
    /** More environment for the worker process (experiments: NODE_OPTIONS, glibc's MALLOC_* tunables). */
    workerEnv?: Record<string, string> | undefined;
  } = {},
): Promise<BenchRow[]> {
  const runs = opts.runs ?? 3;
  const pages = opts.pages ?? 10;
  const rssPages = opts.rssPages ?? 50;
  const env = await benchEnvironment('pdfpipe');
  const dir = mkdtempSync(join(tmpdir(), 'saeq-bench-pdfpipe-files-'));
  const services: RunningService[] = [];
  try {
    const { service } = await startBenchWorker(
      env,
      'worker-pdf',
      {
        // One analysis at a time: the figures are those of one job, not of two sharing the cores.
        PDF_CONCURRENCY: '1',
        // A loaded shared machine can take minutes over a 50-page plan: measure it, do not time it out.
        PDF_JOB_TIMEOUT_MS: '900000',
        ...(opts.previewPages === undefined ? {} : { PDF_PREVIEW_PAGES: String(opts.previewPages) }),
        ...opts.workerEnv,
      },
      { compiled: !opts.sources },
    );
    services.push(service);
    const pid = service.child.pid ?? 0;
    // The pool starts its analysis thread at boot (pdfjs, canvas): give it time to load.
    await new Promise((r) => setTimeout(r, 5000));
    const readyMb = procKb(pid, 'VmRSS') / 1024;

    const small = await planSet(1);
    const ten = await planSet(pages);
    const fifty = await planSet(rssPages);
    // The analysis thread boots and serves a first small plan (JIT) before anything is measured.
    await analyse(env, small);

    // Peak RSS first, on a worker that has served one small plan only (what a fresh or recycled
    // worker meets): reset the high-water mark while idle, then one 50-page analysis.
    await new Promise((r) => setTimeout(r, 1000));
    const idleMb = procKb(pid, 'VmRSS') / 1024;
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    const fiftyRun = await analyse(env, fifty);
    const peakMb = procKb(pid, 'VmHWM') / 1024;
    const rssRow: BenchRow = {
      ...throughputRow(
        'pdf pipeline',
        `peak RSS of worker-pdf (${opts.sources ? 'sources under tsx' : 'compiled'}, main + analysis thread) analysing a ${rssPages}-page plan (${Math.round(fiftyRun.ms)} ms)`,
        peakMb,
        opts.rssOnly ? Number.NaN : await pdftocairoPeakMbOf(fifty, dir),
        'MB',
        { baselineLabel: 'pdftocairo -svg' },
      ),
      goal: '< 300 MB',
      met: peakMb < 300,
      note: `(worker RSS once started ${readyMb.toFixed(0)} MB, after a 1-page plan ${idleMb.toFixed(0)} MB, so growth ${(peakMb - idleMb).toFixed(0)} MB)`,
    };
    process.stderr.write(
      `[pdf-pipeline] worker-pdf ${opts.sources ? 'sources under tsx' : 'compiled'}: RSS once started ${readyMb.toFixed(0)} MB, idle after a 1-page plan ${idleMb.toFixed(0)} MB, peak on a ${rssPages}-page plan ${peakMb.toFixed(0)} MB (main + analysis thread, VmHWM)\n`,
    );
    if (opts.rssOnly) return [rssRow];

    await analyse(env, ten);
    const times: number[] = [];
    const walls: number[] = [];
    for (let r = 0; r < runs; r++) {
      const { ms, wallMs } = await analyse(env, ten);
      times.push(ms);
      walls.push(wallMs);
    }
    const afterMb = procKb(pid, 'VmRSS') / 1024;
    const tenFile = join(dir, 'ten.pdf');
    writeFileSync(tenFile, ten);
    const svgTimes: number[] = [];
    for (let r = 0; r < runs; r++) {
      const started = performance.now();
      await run('pdftocairo', ['-svg', tenFile, join(dir, 'ten.svg')]);
      svgTimes.push(performance.now() - started);
    }
    const steps = await stepTimes(ten, Math.min(pages, opts.previewPages ?? DEFAULT_PREVIEW_PAGES), runs);

    const svg = median(svgTimes);
    const step = (what: string, ms: number) =>
      durationRow('pdf pipeline', `${pages}-page plan in-process: ${what}`, ms, svg, {
        baselineLabel: 'pdftocairo -svg',
      });
    return [
      durationRow(
        'pdf pipeline',
        `full analysis of a ${pages}-page plan (worker-pdf analysis stage, warm; submit → stored median ${Math.round(median(walls))} ms)`,
        median(times),
        svg,
        { baselineLabel: 'pdftocairo -svg' },
      ),
      step('extraction (text + geometry)', steps.extract),
      step('analysis (@saeq/plan-analysis)', steps.analyse),
      step(
        `annotated previews (${Math.min(pages, opts.previewPages ?? DEFAULT_PREVIEW_PAGES)} pages, 1600 px)`,
        steps.previews,
      ),
      {
        ...rssRow,
        note: `${rssRow.note?.slice(0, -1)}; after ${runs + 1} more ${pages}-page plans ${afterMb.toFixed(0)} MB)`,
      },
    ].map((row, i) => (i === 0 ? { ...row, goal: '< 3 s', met: median(times) < 3000 } : row));
  } finally {
    await disposeBenchEnvironment(env, services);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      pages: { type: 'string' },
      'rss-pages': { type: 'string' },
      'preview-pages': { type: 'string' },
      sources: { type: 'boolean', default: false },
      'rss-only': { type: 'boolean', default: false },
      'worker-env': { type: 'string', multiple: true },
    },
  });
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const rows = await benchPdfPipeline({
    runs: num(values.runs),
    pages: num(values.pages),
    rssPages: num(values['rss-pages']),
    previewPages: num(values['preview-pages']),
    sources: values.sources,
    rssOnly: values['rss-only'],
    workerEnv: Object.fromEntries(
      (values['worker-env'] ?? []).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    ),
  });
  console.log(markdownTable(rows));
  process.exit(0);
}
