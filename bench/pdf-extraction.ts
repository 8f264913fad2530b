import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { buildHeavyPdf, repoRoot } from '@saeq/testing';
import { PDFDocument } from 'pdf-lib';
import { extractDocument, loadPdfjs } from '../services/worker-pdf/src/extraction/index.ts';
import { replacedPdfjsPush } from '../services/worker-pdf/src/extraction/pdfjs.ts';
import { type BenchRow, durationRow, isMain, markdownTable, median } from './report.ts';

/**
 * PDF extraction (`extractDocument`: text and vector geometry of every page, pdfjs-dist) against
 * poppler on the same multi-page files in the same run: `pdftotext` (text only) and
 * `pdftocairo -svg` (text and geometry, the fair native baseline per ../shared/BENCHMARKS.md).
 * Goals: ≤ 2× `pdftotext` (issue 10) and within 2× `pdftocairo -svg` (issue 5).
 *
 * Each round runs every contender once, one after the other, so that load from other work on
 * the machine falls on all of them alike; the figures are medians over the rounds, in wall time
 * with the CPU time (user + system, steadier when other work shares the cores) in the note.
 * pdfjs is loaded and warm before timing (once per analysis thread in production); poppler's
 * times include its process start, as a worker calling it would pay.
 *
 * The "push polyfill" row puts back the `Array.prototype.push` that pdfjs's legacy build
 * installs (and `loadPdfjs` removes) to show what removing it saves, in the same run.
 *
 *   node --import tsx bench/pdf-extraction.ts [--rounds 5]
 */

const run = promisify(execFile);

export type PdfSample = { name: string; data: Uint8Array; pages: number };

const plansDir = join(repoRoot, 'fixtures/plans');

/** The generated corpus's plan files (fixtures/plans/plan-*.pdf), in name order. */
function corpusFiles(): string[] {
  return readdirSync(plansDir)
    .filter((f) => /^plan-\d+.*\.pdf$/.test(f))
    .sort();
}

/** Sheets of the generated corpus concatenated in order (cycling) until `pages` sheets. */
export async function planSet(pages: number): Promise<Uint8Array<ArrayBuffer>> {
  const merged = await PDFDocument.create();
  const files = corpusFiles();
  if (files.length === 0) throw new Error(`no plan-*.pdf in ${plansDir}: run pnpm plans:generate`);
  for (let i = 0; merged.getPageCount() < pages; i++) {
    const doc = await PDFDocument.load(readFileSync(join(plansDir, files[i % files.length] ?? '')));
    const wanted = doc.getPageIndices().slice(0, pages - merged.getPageCount());
    for (const page of await merged.copyPages(doc, wanted)) merged.addPage(page);
  }
  return new Uint8Array(await merged.save());
}

/** The multi-page samples: generated plan sets from fixtures/plans and a dense synthetic set. */
export async function pdfSamples(): Promise<PdfSample[]> {
  const fixture = (file: string) => new Uint8Array(readFileSync(join(plansDir, file)));
  const merged = await PDFDocument.create();
  const corpus = [
    'plan-04-house-3-archD-en.pdf',
    'plan-06-commercial-1-archD-fr.pdf',
    'plan-08-house-4-tabloid-fr.pdf',
    'plan-10-commercial-2-a3-fr.pdf',
    'plan-20-house-4-tabloid-fr.pdf',
    'plan-22-commercial-2-a3-en.pdf',
    'plan-32-house-4-tabloid-en.pdf',
  ];
  for (const file of corpus) {
    const doc = await PDFDocument.load(fixture(file));
    for (const page of await merged.copyPages(doc, doc.getPageIndices())) merged.addPage(page);
  }
  const mergedBytes = new Uint8Array(await merged.save());
  return [
    { name: 'plan-08 (4 sheets, tabloid)', data: fixture('plan-08-house-4-tabloid-fr.pdf'), pages: 4 },
    { name: 'plan-10 (3 sheets, A3 commercial)', data: fixture('plan-10-commercial-2-a3-fr.pdf'), pages: 3 },
    {
      name: `7 plan sets merged (${merged.getPageCount()} sheets)`,
      data: mergedBytes,
      pages: merged.getPageCount(),
    },
    {
      name: 'dense synthetic (8 pages × 3 000 segments + text)',
      data: await buildHeavyPdf({ pages: 8, segmentsPerPage: 3000 }),
      pages: 8,
    },
  ];
}

/** Wall time and CPU time (user + system, all threads of the process), in ms. */
type Timing = { wall: number; cpu: number };

async function timed(fn: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}

/** A poppler tool's wall time, and its CPU time from GNU time (process start included). */
async function timedTool(tool: string, args: string[]): Promise<Timing> {
  const started = performance.now();
  const { stderr } = await run('/usr/bin/time', ['-f', '%U %S', tool, ...args]);
  const wall = performance.now() - started;
  const [user = Number.NaN, sys = Number.NaN] = (stderr.trim().split('\n').at(-1) ?? '')
    .split(' ')
    .map(Number);
  return { wall, cpu: (user + sys) * 1000 };
}

/** A row on wall time, with the same comparison on CPU time in its note (steadier under load). */
function timingRow(
  metric: string,
  ours: Timing[],
  baseline: Timing[],
  opts: { goalAtMost?: number; baselineLabel: string },
): BenchRow {
  const cpuOurs = median(ours.map((t) => t.cpu));
  const cpuBase = median(baseline.map((t) => t.cpu));
  return durationRow('pdf', metric, median(ours.map((t) => t.wall)), median(baseline.map((t) => t.wall)), {
    ...opts,
    note: `(CPU time ${Math.round(cpuOurs)} vs ${Math.round(cpuBase)} ms: ${(cpuOurs / cpuBase).toFixed(2)})`,
  });
}

/** Runs `fn` with pdfjs's `push` polyfill installed again (what the shipped build does). */
async function withPdfjsPush<T>(polyfill: typeof Array.prototype.push, fn: () => Promise<T>): Promise<T> {
  const native = Array.prototype.push;
  Array.prototype.push = polyfill;
  try {
    return await fn();
  } finally {
    Array.prototype.push = native;
  }
}

export async function benchPdfExtraction(opts: { rounds?: number | undefined } = {}): Promise<BenchRow[]> {
  const rounds = opts.rounds ?? 5;
  const dir = mkdtempSync(join(tmpdir(), 'saeq-bench-pdf-'));
  const rows: BenchRow[] = [];
  try {
    await loadPdfjs();
    const polyfill = replacedPdfjsPush();
    const samples = await pdfSamples();
    // Warm pdfjs's and our code paths (JIT), as a thread that has served a few plans.
    for (const sample of samples) await extractDocument(sample.data);
    for (const sample of samples) {
      const file = join(dir, 'sample.pdf');
      writeFileSync(file, sample.data);
      const t = { ours: [] as Timing[], text: [] as Timing[], svg: [] as Timing[] };
      for (let r = 0; r < rounds; r++) {
        t.ours.push(await timed(() => extractDocument(sample.data)));
        t.text.push(await timedTool('pdftotext', [file, join(dir, 'out.txt')]));
        t.svg.push(await timedTool('pdftocairo', ['-svg', file, join(dir, 'out.svg')]));
      }
      // Before/after the push fix, in blocks rather than alternating: swapping
      // Array.prototype.push throws away optimised code, which would blur both sides.
      const poly: Timing[] = [];
      const fixed: Timing[] = [];
      if (polyfill) {
        await withPdfjsPush(polyfill, async () => {
          for (let r = 0; r <= rounds; r++) poly.push(await timed(() => extractDocument(sample.data)));
        });
        for (let r = 0; r <= rounds; r++) fixed.push(await timed(() => extractDocument(sample.data)));
      }
      rows.push(
        timingRow(`extractDocument vs pdftotext — ${sample.name}`, t.ours, t.text, {
          goalAtMost: 2,
          baselineLabel: 'pdftotext',
        }),
        timingRow(`extractDocument vs pdftocairo -svg — ${sample.name}`, t.ours, t.svg, {
          goalAtMost: 2,
          baselineLabel: 'pdftocairo -svg',
        }),
      );
      if (polyfill)
        rows.push(
          timingRow(
            `extractDocument vs the same with pdfjs's Array.prototype.push polyfill (before the fix) — ${sample.name}`,
            // The first run of each block re-optimises after the swap: left out.
            fixed.slice(1),
            poly.slice(1),
            { baselineLabel: 'with polyfill' },
          ),
        );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { rounds: { type: 'string' } } });
  const rows = await benchPdfExtraction({
    rounds: values.rounds === undefined ? undefined : Number(values.rounds),
  });
  console.log(markdownTable(rows));
  process.exit(0);
}
