import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { buildAnalysis } from '../services/worker-pdf/src/analysis/build-analysis.ts';
import { extractDocument, loadPdfjs } from '../services/worker-pdf/src/extraction/index.ts';
import { renderPreviews } from '../services/worker-pdf/src/preview/render-preview.ts';
import { buildLargeSheet, type LargeSheetOptions } from './large-sheet-pdf.ts';
import { type BenchRow, durationRow, isMain, markdownTable, median, throughputRow } from './report.ts';
import { pdftocairoPeakMb } from './worker-fleet.ts';

/**
 * A dense A1 office electrical sheet (bench/large-sheet-pdf.ts: ~200 000 path segments, ~8 000
 * text runs, 640 devices, four viewports, a legend whose conduit sample looks like the hatching)
 * through the worker's steps, in this process: extraction (pdfjs), analysis (@saeq/plan-analysis)
 * and its annotated preview; against poppler on the same file in the same run (`pdftotext`, text
 * only; `pdftocairo -svg`, text and geometry: ../shared/BENCHMARKS.md). Then the peak RSS of one
 * extraction + analysis in a fresh process (GNU time), against `pdftocairo -svg`'s.
 *
 * Issues 16 and 20: a real A1 sheet like this one ran for 9 minutes at 1.2 GB; the analysis must
 * stay linear in the page's content and end with a warning past its work budget.
 *
 *   node --import tsx bench/large-sheet.ts [--runs 3] [--hatch-pitch 1.8] [--path-per-segment]
 */

const run = promisify(execFile);
const self = fileURLToPath(import.meta.url);

/** Median of `runs` timed calls of `fn` (after one warm-up call). */
async function timed(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Peak RSS (MB) of a fresh process extracting and analysing `file` (this script, `--once`). */
async function peakRssOfOneAnalysis(file: string): Promise<number> {
  const { stderr } = await run(
    '/usr/bin/time',
    ['-f', '%M', process.execPath, '--import', 'tsx', self, '--once', file],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return Number(stderr.trim().split('\n').at(-1)) / 1024;
}

export async function benchLargeSheet(
  opts: { runs?: number | undefined; sheet?: LargeSheetOptions } = {},
): Promise<BenchRow[]> {
  const runs = opts.runs ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'saeq-bench-large-sheet-'));
  try {
    const { pdf, stats } = await buildLargeSheet({ hatchPitch: 1.8, ...opts.sheet });
    const file = join(dir, 'large.pdf');
    writeFileSync(file, pdf);
    await loadPdfjs();
    const doc = await extractDocument(pdf);
    const analysis = buildAnalysis(doc);
    const page = analysis.pages[0];
    const what = `A1 sheet, ${stats.segments} segments, ${stats.textItems} text runs, ${stats.devices} devices`;
    process.stderr.write(
      `[large-sheet] ${what}: ${page?.symbols.length ?? 0} symbols, ${page?.rooms.length ?? 0} rooms, warnings ${analysis.warnings.map((w) => w.code).join(', ') || 'none'}\n`,
    );

    const extractMs = await timed(runs, () => extractDocument(pdf));
    const analyseMs = await timed(runs, async () => buildAnalysis(doc));
    const previewMs = await timed(runs, () =>
      renderPreviews(pdf, [{ number: 1, symbols: page?.symbols ?? [] }], { maxWidthPx: 1600 }),
    );
    const textMs = await timed(runs, () => run('pdftotext', [file, join(dir, 'large.txt')]));
    const svgMs = await timed(runs, () => run('pdftocairo', ['-svg', file, join(dir, 'large.svg')]));
    // The same drawing with every stroke its own path, as some CAD exports write it (the real A1
    // sheets of issue 16 hold 0.26–1.45 M one-stroke paths): every stroke is then a possible
    // wire or anchor of its own, which is what made a wiring check quadratic.
    const strokes = opts.sheet?.pathPerSegment
      ? null
      : await buildLargeSheet({ hatchPitch: 1.8, ...opts.sheet, pathPerSegment: true });
    const strokesDoc = strokes ? await extractDocument(strokes.pdf) : null;
    const strokesMs = strokesDoc ? await timed(1, async () => buildAnalysis(strokesDoc)) : null;
    const strokesPaths = strokesDoc?.pages[0]?.paths.length ?? 0;
    const peakMb = await peakRssOfOneAnalysis(file);
    const svgPeakMb = await pdftocairoPeakMb(file, dir);

    const svg = { baselineLabel: 'pdftocairo -svg' };
    return [
      durationRow('large sheet', `${what}: extraction (text + geometry)`, extractMs, svgMs, svg),
      durationRow('large sheet', 'same sheet: extraction vs text only', extractMs, textMs, {
        baselineLabel: 'pdftotext',
      }),
      durationRow('large sheet', 'same sheet: analysis (@saeq/plan-analysis)', analyseMs, svgMs, svg),
      durationRow('large sheet', 'same sheet: annotated preview (1600 px)', previewMs, svgMs, svg),
      ...(strokesMs === null
        ? []
        : [
            {
              ...durationRow(
                'large sheet',
                `same drawing, every stroke its own path (${strokesPaths} paths): analysis`,
                strokesMs,
                svgMs,
                svg,
              ),
              goal: '< 60 s',
              met: strokesMs < 60_000,
            },
          ]),
      {
        ...durationRow(
          'large sheet',
          'same sheet: extraction + analysis + preview',
          extractMs + analyseMs + previewMs,
          svgMs,
          svg,
        ),
        goal: '< 60 s',
        met: extractMs + analyseMs + previewMs < 60_000,
      },
      {
        ...throughputRow(
          'large sheet',
          'same sheet: peak RSS of a fresh process extracting + analysing it',
          peakMb,
          svgPeakMb,
          'MB',
          svg,
        ),
        note: `${analysis.warnings.length} warnings (${analysis.warnings.map((w) => w.code).join(', ') || 'none'})`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      'hatch-pitch': { type: 'string' },
      'path-per-segment': { type: 'boolean', default: false },
      once: { type: 'string' },
    },
  });
  if (values.once) {
    // The child of `peakRssOfOneAnalysis`: one extraction and analysis, nothing else.
    await loadPdfjs();
    buildAnalysis(await extractDocument(new Uint8Array(readFileSync(values.once))));
    process.exit(0);
  }
  const rows = await benchLargeSheet({
    runs: values.runs === undefined ? undefined : Number(values.runs),
    sheet: {
      ...(values['hatch-pitch'] === undefined ? {} : { hatchPitch: Number(values['hatch-pitch']) }),
      pathPerSegment: values['path-per-segment'] ?? false,
    },
  });
  console.log(markdownTable(rows));
  process.exit(0);
}
