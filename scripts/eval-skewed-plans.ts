/**
 * `node --import tsx scripts/eval-skewed-plans.ts [--angles 0.5,1] [--only <substring>]
 * [--scanned [--dpi 200] [--fixtures <dir>] [--limit <n>]]` — how the analysis reads our corpus
 * re-plotted or scanned askew (issue 21: a re-plot rotated ≤ 1° must read as the original;
 * issue 16: scans "skewed a few degrees").
 *
 * Each vector plan of fixtures/plans/ is analysed as is, then every page is re-plotted in memory
 * with pdf-lib, turned by each angle about the page centre on a page of the same size (nothing
 * is written to disk), and analysed again by the service's own pipeline (`analysePdf`). Prints,
 * per angle, the symbols counted against the truth (sheet count F1, room count F1), the panel
 * circuits read exactly, the scales read, and how many plans read exactly as their unturned
 * analysis (same counts by sheet and room). Plans that need OCR are skipped (no text layer: the
 * re-plot measures geometry, not the OCR engine).
 *
 * With `--scanned`, each plan (of `--fixtures`, default fixtures/plans/) is instead scanned at
 * `--dpi` square and at each angle (an image-only PDF, as scripts/eval-scanned-plans.ts makes it)
 * and analysed with OCR; "read as unturned" then compares with the square scan's analysis.
 */
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import {
  addTally,
  emptyTally,
  evaluatePlan,
  f1,
  type Tally,
} from '../packages/plan-analysis/src/evaluate.ts';
import { type AnalysePdfOptions, analysePdf } from '../services/worker-pdf/src/analysis/analyse-pdf.ts';
import { OCR_DEFAULTS } from '../services/worker-pdf/src/ocr/ocr-defaults.ts';
import { createTesseractEngine, type OcrEngine } from '../services/worker-pdf/src/ocr/tesseract-engine.ts';
import { argValue, pct, plansWithTruth, replotTurned, scanPdf, sumTallies } from './plan-scans.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const angles = (argValue(args, '--angles') ?? '0.5,1').split(',').map(Number);
const only = argValue(args, '--only');
const scanned = args.includes('--scanned');
const dpi = Number(argValue(args, '--dpi') ?? 200);
const limit = Number(argValue(args, '--limit') ?? Number.POSITIVE_INFINITY);
const folder = argValue(args, '--fixtures') ?? join(root, 'fixtures', 'plans');

let engine: Promise<OcrEngine> | undefined;
const opts: AnalysePdfOptions = scanned
  ? {
      ocrMaxPages: OCR_DEFAULTS.maxPages,
      ocrDpi: OCR_DEFAULTS.dpi,
      engine: () => {
        engine ??= createTesseractEngine({ workers: OCR_DEFAULTS.workers });
        return engine;
      },
    }
  : { ocrMaxPages: 0, ocrDpi: 150, engine: () => Promise.reject(new Error('vector plans only')) };
const turned = (pdf: Uint8Array, deg: number): Promise<Uint8Array> =>
  scanned ? scanPdf(pdf, { dpi, angle: deg }) : replotTurned(pdf, deg);

/** Counts as one string whatever the order their keys were met in. */
const canonical = (counts: Record<string, Record<string, number>>) =>
  Object.entries(counts)
    .map(([k, byType]) => `${k}:${Object.entries(byType).sort().join(',')}`)
    .sort()
    .join(';');
const sameCounts = (a: PlanAnalysis, b: PlanAnalysis) =>
  canonical(a.counts.bySheet) === canonical(b.counts.bySheet) &&
  canonical(a.counts.byRoom) === canonical(b.counts.byRoom);

type Row = {
  sheet: Tally;
  room: Tally;
  symbols: number;
  circuits: { exact: number; truth: number };
  scale: { correct: number; total: number };
  same: number;
  plans: number;
};
const rows = new Map<number, Row>();
let plans = 0;
try {
  for (const { file, pdf, truth } of plansWithTruth(folder, only)) {
    if (plans >= limit) break;
    let square: PlanAnalysis;
    try {
      square = (await analysePdf(scanned ? await turned(pdf, 0) : pdf, opts)).analysis;
    } catch {
      continue;
    }
    if (!scanned && square.warnings.some((w) => w.code === 'scanned_page' || w.code === 'text_not_in_layer'))
      continue;
    plans += 1;
    for (const deg of [0, ...angles]) {
      const analysis = deg === 0 ? square : (await analysePdf(await turned(pdf, deg), opts)).analysis;
      const ev = evaluatePlan(truth, analysis);
      const row = rows.get(deg) ?? {
        sheet: emptyTally(),
        room: emptyTally(),
        symbols: 0,
        circuits: { exact: 0, truth: 0 },
        scale: { correct: 0, total: 0 },
        same: 0,
        plans: 0,
      };
      const sheet = sumTallies([ev.sheetCounts]);
      row.sheet = addTally(row.sheet, sheet);
      row.room = addTally(row.room, sumTallies([ev.roomCounts]));
      row.symbols += analysis.pages.reduce((a, p) => a + p.symbols.length, 0);
      const same = sameCounts(analysis, square);
      row.same += same ? 1 : 0;
      if (scanned)
        process.stderr.write(
          `${basename(file)} turned ${deg}°: sheet count F1 ${pct(f1(sheet))} (tp ${sheet.tp} fp ${sheet.fp} fn ${sheet.fn})\n`,
        );
      if (!same)
        process.stderr.write(`${basename(file)} turned ${deg}°: counts differ from the unturned analysis\n`);
      if (ev.circuits.exact < ev.circuits.truth)
        process.stderr.write(
          `${basename(file)} turned ${deg}°: ${ev.circuits.exact}/${ev.circuits.truth} circuits exact\n`,
        );
      row.circuits = {
        exact: row.circuits.exact + ev.circuits.exact,
        truth: row.circuits.truth + ev.circuits.truth,
      };
      row.scale = { correct: row.scale.correct + ev.scale.correct, total: row.scale.total + ev.scale.total };
      row.plans += 1;
      rows.set(deg, row);
    }
  }
} finally {
  await (await engine?.catch(() => undefined))?.terminate();
}

const lines = [
  `${scanned ? `Scanned at ${dpi} dpi` : 'Re-plotted (vectors)'}:`,
  '',
  '| Turned | Plans | Symbols counted | Sheet count F1 | Room count F1 | Circuits exact | Scale | Plans read as unturned |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|',
];
for (const [deg, r] of [...rows].sort((a, b) => a[0] - b[0]))
  lines.push(
    `| ${deg}° | ${r.plans} | ${r.symbols} | ${pct(f1(r.sheet))} | ${pct(f1(r.room))} | ${r.circuits.exact}/${r.circuits.truth} | ${r.scale.correct}/${r.scale.total} | ${r.same}/${r.plans} |`,
  );
process.stdout.write(`${lines.join('\n')}\n`);
