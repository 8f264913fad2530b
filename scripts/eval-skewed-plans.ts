/**
 * `node --import tsx scripts/eval-skewed-plans.ts [--angles 0.5,1] [--only <substring>]` — how
 * the analysis reads our corpus re-plotted askew (issue 21: a re-plot rotated ≤ 1° must read as
 * the original; issue 16: scans "skewed a few degrees").
 *
 * Each vector plan of fixtures/plans/ is analysed as is, then every page is re-plotted in memory
 * with pdf-lib, turned by each angle about the page centre on a page of the same size (nothing
 * is written to disk), and analysed again by the service's own pipeline (`analysePdf`). Prints,
 * per angle, the symbols counted against the truth (sheet count F1, room count F1), the panel
 * circuits read exactly, the scales read, and how many plans read exactly as their unturned
 * analysis (same counts by sheet and room). Plans that need OCR are skipped (no text layer: the
 * re-plot measures geometry, not the OCR engine).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import { degrees, PDFDocument } from 'pdf-lib';
import {
  addTally,
  emptyTally,
  evaluatePlan,
  f1,
  type Tally,
  type TruthLike,
} from '../packages/plan-analysis/src/evaluate.ts';
import { analysePdf } from '../services/worker-pdf/src/analysis/analyse-pdf.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const angles = (args.includes('--angles') ? (args[args.indexOf('--angles') + 1] ?? '') : '0.5,1')
  .split(',')
  .map(Number);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

const noOcr = {
  ocrMaxPages: 0,
  ocrDpi: 150,
  engine: () => Promise.reject(new Error('vector plans only')),
};

/** Every page of `pdf` turned by `deg` counter-clockwise about its centre, as a form XObject. */
async function replotTurned(pdf: Uint8Array, deg: number): Promise<Uint8Array> {
  const src = await PDFDocument.load(pdf);
  const out = await PDFDocument.create();
  const pages = await out.embedPdf(src, src.getPageIndices());
  const r = (deg * Math.PI) / 180;
  for (const page of pages) {
    const { width, height } = page;
    const [cx, cy] = [width / 2, height / 2];
    // pdf-lib turns about the placed origin: place it so the centre stays put.
    const x = cx - (Math.cos(r) * cx - Math.sin(r) * cy);
    const y = cy - (Math.sin(r) * cx + Math.cos(r) * cy);
    out.addPage([width, height]).drawPage(page, { x, y, rotate: degrees(deg) });
  }
  return out.save();
}

const sum = (records: Record<string, Tally>[]) =>
  records.flatMap((r) => Object.values(r)).reduce(addTally, emptyTally());
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
const folder = join(root, 'fixtures', 'plans');
for (const file of readdirSync(folder).sort()) {
  if (!file.endsWith('.pdf') || (only && !file.includes(only))) continue;
  let truth: TruthLike;
  try {
    truth = JSON.parse(
      readFileSync(join(folder, file.replace(/\.pdf$/, '.truth.json')), 'utf8'),
    ) as TruthLike;
  } catch {
    continue;
  }
  const pdf = new Uint8Array(readFileSync(join(folder, file)));
  let square: PlanAnalysis;
  try {
    square = (await analysePdf(pdf, noOcr)).analysis;
  } catch {
    continue;
  }
  if (square.warnings.some((w) => w.code === 'scanned_page' || w.code === 'text_not_in_layer')) continue;
  for (const deg of [0, ...angles]) {
    const analysis = deg === 0 ? square : (await analysePdf(await replotTurned(pdf, deg), noOcr)).analysis;
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
    row.sheet = addTally(row.sheet, sum([ev.sheetCounts]));
    row.room = addTally(row.room, sum([ev.roomCounts]));
    row.symbols += analysis.pages.reduce((a, p) => a + p.symbols.length, 0);
    const same = sameCounts(analysis, square);
    row.same += same ? 1 : 0;
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

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
const lines = [
  '| Turned | Plans | Symbols counted | Sheet count F1 | Room count F1 | Circuits exact | Scale | Plans read as unturned |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|',
];
for (const [deg, r] of [...rows].sort((a, b) => a[0] - b[0]))
  lines.push(
    `| ${deg}° | ${r.plans} | ${r.symbols} | ${pct(f1(r.sheet))} | ${pct(f1(r.room))} | ${r.circuits.exact}/${r.circuits.truth} | ${r.scale.correct}/${r.scale.total} | ${r.same}/${r.plans} |`,
  );
process.stdout.write(`${lines.join('\n')}\n`);
