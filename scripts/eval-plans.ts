/**
 * `pnpm eval:plans` — accuracy of the plan analysis on the generated corpus.
 *
 * For every fixtures/plans/*.pdf with a *.truth.json beside it: extract (pdfjs) → analyse →
 * compare with the truth. Prints per device type and overall precision / recall / F1 of counts
 * (per sheet and per room), symbol-level F1 (found at the right place), panel-schedule circuit
 * exact-match rate, scale and room-name accuracy, and writes the same as docs/accuracy.md (keeping
 * its hand-written "## History" section, if any).
 *
 * Usage: pnpm eval:plans [--only <substring>] [--no-write] [--verbose] [--fixtures <dir>]
 * (`--fixtures` reads another corpus, e.g. `pnpm plans:generate --out <dir>`; it never writes
 * docs/accuracy.md).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePlan } from '../packages/plan-analysis/src/analyze-plan.ts';
import {
  addTally,
  emptyTally,
  evaluatePlan,
  f1,
  type PlanEvaluation,
  precision,
  recall,
  type Tally,
  type TruthLike,
} from '../packages/plan-analysis/src/evaluate.ts';
import { extractDocument } from '../services/worker-pdf/src/extraction/extract-document.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const fixtures = args.includes('--fixtures')
  ? resolve(args[args.indexOf('--fixtures') + 1] ?? '.')
  : join(root, 'fixtures', 'plans');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const write = !args.includes('--no-write');
const verbose = args.includes('--verbose');

type PlanRow = { name: string; ev: PlanEvaluation; ms: number; pages: number; error?: string };

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

function sumTallies(records: Record<string, Tally>[]): Record<string, Tally> {
  const out: Record<string, Tally> = {};
  for (const r of records)
    for (const [k, t] of Object.entries(r)) out[k] = addTally(out[k] ?? emptyTally(), t);
  return out;
}

function total(r: Record<string, Tally>): Tally {
  return Object.values(r).reduce(addTally, emptyTally());
}

async function main(): Promise<void> {
  const files = readdirSync(fixtures)
    .filter((f) => f.endsWith('.pdf'))
    .filter((f) => !only || f.includes(only))
    .sort();
  const rows: PlanRow[] = [];
  for (const file of files) {
    const truthPath = join(fixtures, file.replace(/\.pdf$/, '.truth.json'));
    let truth: TruthLike;
    try {
      truth = JSON.parse(readFileSync(truthPath, 'utf8')) as TruthLike;
    } catch {
      continue;
    }
    const name = basename(file, '.pdf');
    const started = performance.now();
    try {
      const doc = await extractDocument(new Uint8Array(readFileSync(join(fixtures, file))));
      const analysis = analyzePlan(doc);
      const ms = performance.now() - started;
      const ev = evaluatePlan(truth, analysis);
      rows.push({ name, ev, ms, pages: doc.pageCount });
      if (verbose) printPlanDetail(name, ev);
    } catch (err) {
      // A plan that cannot be analysed counts as all misses (its truth is in the totals).
      const empty = { pages: [], counts: { byType: {}, byRoom: {}, bySheet: {} }, warnings: [] };
      rows.push({
        name,
        ev: evaluatePlan(truth, empty),
        ms: performance.now() - started,
        pages: 0,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  const report = renderReport(rows);
  console.log(report);
  if (write && !only && !args.includes('--fixtures')) {
    // A hand-written "## History" section at the end of the file survives regeneration.
    const target = join(root, 'docs', 'accuracy.md');
    let history = '';
    try {
      const previous = readFileSync(target, 'utf8');
      const at = previous.indexOf('\n## History');
      if (at >= 0) history = previous.slice(at + 1);
    } catch {
      // First run: nothing to keep.
    }
    writeFileSync(target, history ? `${report}\n${history}` : report);
    console.log('\nWritten to docs/accuracy.md');
  }
}

function printPlanDetail(name: string, ev: PlanEvaluation): void {
  const s = total(ev.sheetCounts);
  const l = total(ev.located);
  console.log(
    `${name}: sheet F1 ${pct(f1(s))} (fp ${s.fp}, fn ${s.fn}) located F1 ${pct(f1(l))} (fp ${l.fp}, fn ${l.fn}); circuits ${ev.circuits.exact}/${ev.circuits.truth}; scale ${ev.scale.correct}/${ev.scale.total}; rooms ${ev.roomNames.tp}/${ev.roomNames.tp + ev.roomNames.fn} (+${ev.roomNames.fp})`,
  );
  for (const [type, t] of Object.entries(ev.located)) {
    if (t.fp > 0 || t.fn > 0) console.log(`   ${type}: fp ${t.fp} fn ${t.fn}`);
  }
}

function renderReport(rows: PlanRow[]): string {
  const sheet = sumTallies(rows.map((r) => r.ev.sheetCounts));
  const room = sumTallies(rows.map((r) => r.ev.roomCounts));
  const located = sumTallies(rows.map((r) => r.ev.located));
  const types = [...new Set([...Object.keys(sheet), ...Object.keys(room), ...Object.keys(located)])].sort();
  const lines: string[] = [];
  lines.push('# Plan analysis accuracy');
  lines.push('');
  lines.push(
    `Generated by \`pnpm eval:plans\` over ${rows.length} plans (${rows.reduce((a, r) => a + r.pages, 0)} pages) in \`fixtures/plans/\`.`,
  );
  lines.push(
    'Counts: per sheet and per room, TP = min(found, truth) per device type. Located: each found symbol paired with a true symbol of the same type within 6 pt.',
  );
  lines.push('');
  lines.push('| Type | Truth | Sheet P | Sheet R | Sheet F1 | Room P | Room R | Room F1 | Located F1 |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const row = (label: string, s: Tally, r: Tally, l: Tally) =>
    `| ${label} | ${s.tp + s.fn} | ${pct(precision(s))} | ${pct(recall(s))} | ${pct(f1(s))} | ${pct(precision(r))} | ${pct(recall(r))} | ${pct(f1(r))} | ${pct(f1(l))} |`;
  for (const type of types) {
    lines.push(
      row(type, sheet[type] ?? emptyTally(), room[type] ?? emptyTally(), located[type] ?? emptyTally()),
    );
  }
  lines.push(row('**overall**', total(sheet), total(room), total(located)));
  lines.push('');
  const circuits = rows.reduce(
    (a, r) => ({
      exact: a.exact + r.ev.circuits.exact,
      truth: a.truth + r.ev.circuits.truth,
      found: a.found + r.ev.circuits.found,
    }),
    { exact: 0, truth: 0, found: 0 },
  );
  const panels = rows.reduce(
    (a, r) => ({
      truth: a.truth + r.ev.panels.truth,
      found: a.found + r.ev.panels.found,
      headerExact: a.headerExact + r.ev.panels.headerExact,
    }),
    { truth: 0, found: 0, headerExact: 0 },
  );
  const scale = rows.reduce(
    (a, r) => ({ correct: a.correct + r.ev.scale.correct, total: a.total + r.ev.scale.total }),
    {
      correct: 0,
      total: 0,
    },
  );
  const roomNames = rows.reduce((a, r) => addTally(a, r.ev.roomNames), emptyTally());
  const warnings = rows.reduce(
    (a, r) => ({ expected: a.expected + r.ev.warnings.expected, raised: a.raised + r.ev.warnings.raised }),
    { expected: 0, raised: 0 },
  );
  const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${pct(a / b)} (${a}/${b})`);
  lines.push('| Measure | Result |');
  lines.push('|---|---:|');
  lines.push(
    `| Panel-schedule circuits, exact match (number, description, amps, poles) | ${ratio(circuits.exact, circuits.truth)} |`,
  );
  lines.push(`| Circuits found / in truth | ${circuits.found} / ${circuits.truth} |`);
  lines.push(
    `| Panels found / in truth; header exact (voltage, phases, main) | ${panels.found} / ${panels.truth}; ${panels.headerExact} |`,
  );
  lines.push(`| Scale (within 0.5 %) | ${ratio(scale.correct, scale.total)} |`);
  lines.push(
    `| Room names: precision / recall | ${pct(precision(roomNames))} / ${pct(recall(roomNames))} (${roomNames.tp} found, ${roomNames.fn} missed, ${roomNames.fp} extra) |`,
  );
  lines.push(`| Expected warnings raised | ${ratio(warnings.raised, warnings.expected)} |`);
  lines.push('');
  lines.push('## Per plan');
  lines.push('');
  lines.push('| Plan | Pages | Sheet F1 | Located F1 | Circuits | Scale | Rooms | Time |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const s = total(r.ev.sheetCounts);
    const l = total(r.ev.located);
    const rn = r.ev.roomNames;
    lines.push(
      `| ${r.name}${r.error ? ` (error: ${r.error})` : ''} | ${r.pages} | ${pct(f1(s))} | ${pct(f1(l))} | ${r.ev.circuits.exact}/${r.ev.circuits.truth} | ${r.ev.scale.correct}/${r.ev.scale.total} | ${rn.tp}/${rn.tp + rn.fn} | ${(r.ms / 1000).toFixed(2)} s |`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

await main();
