import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildHeavyPdf, repoRoot } from '@saeq/testing';
import { PDFDocument } from 'pdf-lib';
import { extractDocument, loadPdfjs } from '../services/worker-pdf/src/extraction/index.ts';
import { type BenchRow, durationRow, isMain, markdownTable, median } from './report.ts';

/**
 * PDF extraction (`extractDocument`: text and vector geometry of every page, pdfjs-dist) against
 * poppler on the same multi-page files in the same run: `pdftotext` (text only) and
 * `pdftocairo -svg` (text and geometry, the fair native baseline per ../shared/BENCHMARKS.md).
 * pdfjs is loaded before timing (once per worker thread in production); poppler's times include
 * its process start, as a worker calling it would pay. Goal (issue 10): ≤ 2× `pdftotext`.
 *
 *   node --import tsx bench/pdf-extraction.ts [--rounds 3]
 */

const run = promisify(execFile);
/**
 * Captured before pdfjs loads: the legacy build's core-js replaces `Array.prototype.push`
 * process-wide with a JS polyfill (V8 in Node 20 fails core-js's non-writable-length check). The
 * "native push" rows measure the fix proposed in docs/benchmarks.md: restoring it after loading.
 */
const nativePush = Array.prototype.push;

export type PdfSample = { name: string; data: Uint8Array; pages: number };

/** The multi-page samples: generated plan sets from fixtures/plans and a dense synthetic set. */
export async function pdfSamples(): Promise<PdfSample[]> {
  const plans = join(repoRoot, 'fixtures/plans');
  const fixture = (file: string) => new Uint8Array(readFileSync(join(plans, file)));
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

async function timeOf(fn: () => Promise<unknown>, rounds: number): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function benchPdfExtraction(opts: { rounds?: number | undefined } = {}): Promise<BenchRow[]> {
  const rounds = opts.rounds ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'saeq-bench-pdf-'));
  const rows: BenchRow[] = [];
  try {
    await loadPdfjs();
    const samples = await pdfSamples();
    // Warm pdfjs's code paths once (JIT), as a worker that has served a few plans.
    await extractDocument(samples[0]?.data ?? new Uint8Array());
    for (const sample of samples) {
      const file = join(dir, 'sample.pdf');
      writeFileSync(file, sample.data);
      const shippedPush = Array.prototype.push;
      const ours = await timeOf(() => extractDocument(sample.data), rounds);
      let fixed: number;
      try {
        Array.prototype.push = nativePush;
        fixed = await timeOf(() => extractDocument(sample.data), rounds);
      } finally {
        Array.prototype.push = shippedPush;
      }
      const text = await timeOf(() => run('pdftotext', [file, join(dir, 'out.txt')]), rounds);
      const svg = await timeOf(() => run('pdftocairo', ['-svg', file, join(dir, 'out.svg')]), rounds);
      rows.push(
        durationRow('pdf', `extractDocument vs pdftotext — ${sample.name}`, ours, text, {
          goalAtMost: 2,
          baselineLabel: 'pdftotext',
        }),
        durationRow('pdf', `extractDocument vs pdftocairo -svg — ${sample.name}`, ours, svg, {
          baselineLabel: 'pdftocairo -svg',
        }),
        durationRow(
          'pdf',
          `extractDocument, native Array.prototype.push (proposed fix) — ${sample.name}`,
          fixed,
          text,
          {
            goalAtMost: 2,
            baselineLabel: 'pdftotext',
            note: Array.prototype.push === nativePush ? '(push was not replaced: fix already applied)' : '',
          },
        ),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf('--rounds');
  const rows = await benchPdfExtraction({ rounds: i > 0 ? Number(process.argv[i + 1]) : undefined });
  console.log(markdownTable(rows));
  process.exit(0);
}
