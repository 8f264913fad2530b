/**
 * `pnpm eval:plans` — accuracy of the plan analysis, one table per corpus.
 *
 * Corpora (`--corpus`, default `ours`; `all` runs them all in turn):
 * - `ours`: fixtures/plans/*.pdf with *.truth.json beside them (our generator, scripts/plans/);
 * - `indep-dev`, `indep-holdout`: the independent generator (scripts/plans-indep/), written into a
 *   temporary folder first; dev may be tuned on, holdout is reported untouched;
 * - `indep2-dev`, `indep2-holdout`: a third generator by another author (scripts/plans-indep2/),
 *   other producers' habits and wording; same dev / holdout rule;
 * - `indep3-dev`, `indep3-holdout`: a fourth generator (scripts/plans-indep3/), IEC / South-African
 *   distribution-board single-line diagrams with their circuit tables; same dev / holdout rule;
 * - `real`: real public sheets in `../shared/plans-real` (or `PLANS_REAL_DIR`), read at evaluation
 *   time only and scored on every field of their hand-made truth (scripts/eval-real.ts); skipped
 *   with one line when the folder is absent.
 *
 * Every PDF goes through the service's own pipeline (`analysePdf`, the one worker-pdf's analysis
 * thread runs): extract (pdfjs) → OCR of the pages without a text layer (tesseract.js, the
 * worker's default dpi and page budget) → analyse. For generated corpora it is then compared with
 * the truth. Prints per device
 * type and overall precision / recall / F1 of counts (per sheet and per room), symbol-level F1
 * (found at the right place), panel-schedule circuit exact-match rate, scale and room-name
 * accuracy. Each corpus's table replaces its own section of docs/accuracy.md (the rest of the
 * file, including the hand-written "## History", is kept).
 *
 * Usage: pnpm eval:plans [--corpus ours|indep-dev|indep-holdout|indep2-dev|indep2-holdout|indep3-dev|indep3-holdout|real|all] [--only <substring>]
 *        [--no-write] [--verbose] [--fixtures <dir>]
 * On `real`, `--only a,b` measures the files matching a or b in that order and still writes its
 * section, which names the files measured (OCR makes a full run take many minutes on 2 cores).
 * (`--fixtures` reads another corpus in the generator's format, e.g. `pnpm plans:generate --out
 * <dir>`; like `--only`, it never writes docs/accuracy.md).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
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
import { type AnalysedPdf, analysePdf } from '../services/worker-pdf/src/analysis/analyse-pdf.ts';
import { OCR_DEFAULTS } from '../services/worker-pdf/src/ocr/ocr-defaults.ts';
import { createTesseractEngine, type OcrEngine } from '../services/worker-pdf/src/ocr/tesseract-engine.ts';
import { readRealTruth, scoreRealFile } from './eval-real.ts';
import { writeIndepSet } from './plans-indep/write-set.ts';
import { writeIndep2Set } from './plans-indep2/write-set.ts';
import { writeIndep3Set } from './plans-indep3/write-set.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const customFixtures = args.includes('--fixtures')
  ? resolve(args[args.indexOf('--fixtures') + 1] ?? '.')
  : null;
const corpusArg = args.includes('--corpus') ? (args[args.indexOf('--corpus') + 1] ?? '') : 'ours';
const CORPORA = [
  'ours',
  'indep-dev',
  'indep-holdout',
  'indep2-dev',
  'indep2-holdout',
  'indep3-dev',
  'indep3-holdout',
  'real',
] as const;
type Corpus = (typeof CORPORA)[number];
if (corpusArg !== 'all' && !(CORPORA as readonly string[]).includes(corpusArg)) {
  console.error(`--corpus must be one of ${CORPORA.join(', ')} or all`);
  process.exit(2);
}
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const write = !args.includes('--no-write');
const verbose = args.includes('--verbose');

type OcrTally = { pages: number; words: number };
type PlanRow = { name: string; ev: PlanEvaluation; ms: number; pages: number; ocr: OcrTally; error?: string };

let engine: Promise<OcrEngine> | undefined;
/** One OCR engine for the whole run, started by the first page without a text layer. */
function ocrEngine(): Promise<OcrEngine> {
  engine ??= createTesseractEngine({ workers: OCR_DEFAULTS.workers });
  return engine;
}

/** A PDF analysed exactly as worker-pdf does it (no organisation legend mappings). */
function analyse(data: Uint8Array): Promise<AnalysedPdf> {
  return analysePdf(data, {
    ocrMaxPages: OCR_DEFAULTS.maxPages,
    ocrDpi: OCR_DEFAULTS.dpi,
    engine: ocrEngine,
  });
}

const ocrTally = (read: AnalysedPdf['ocr']): OcrTally => ({
  pages: read.length,
  words: read.reduce((a, r) => a + r.words, 0),
});

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

/** What each corpus is, for the heading of its section. */
const SECTION: Record<Corpus, { title: string; command: string; role: string }> = {
  ours: {
    title: 'Our corpus (`fixtures/plans/`, our generator)',
    command: 'pnpm eval:plans --corpus ours',
    role: 'Tuned on: the generator and the analyser changed in the same commits, so this measures self-consistency.',
  },
  'indep-dev': {
    title: 'Independent corpus, dev set (`scripts/plans-indep/`, 20 plans)',
    command: 'pnpm eval:plans --corpus indep-dev',
    role: 'Tuning allowed: written blind from ../shared/REAL-PLANS.md by someone who did not read the analyser.',
  },
  'indep-holdout': {
    title: 'Independent corpus, holdout set (`scripts/plans-indep/`, 20 plans)',
    command: 'pnpm eval:plans --corpus indep-holdout',
    role: 'Never tuned on: same generator, other seeds. This is the independent number to report.',
  },
  'indep2-dev': {
    title: 'Third generator, dev set (`scripts/plans-indep2/`, 20 plans)',
    command: 'pnpm eval:plans --corpus indep2-dev',
    role: "Tuning allowed: another author, written blind (no analyser, no other generator read), other producers' habits and wording.",
  },
  'indep2-holdout': {
    title: 'Third generator, holdout set (`scripts/plans-indep2/`, 20 plans)',
    command: 'pnpm eval:plans --corpus indep2-holdout',
    role: 'Never tuned on: same generator as indep2-dev, other seeds.',
  },
  'indep3-dev': {
    title: 'Fourth generator, dev set (`scripts/plans-indep3/`, 20 plans)',
    command: 'pnpm eval:plans --corpus indep3-dev',
    role: 'Tuning allowed: IEC / South-African distribution-board single-line diagrams (SHX strokes or TrueType), written blind by another author.',
  },
  'indep3-holdout': {
    title: 'Fourth generator, holdout set (`scripts/plans-indep3/`, 20 plans)',
    command: 'pnpm eval:plans --corpus indep3-holdout',
    role: 'Never tuned on: same generator as indep3-dev, other seeds.',
  },
  real: {
    title: 'Real sheets (`../shared/plans-real`, hand-made truth)',
    command: 'PLANS_REAL_DIR=../shared/plans-real pnpm eval:plans --corpus real',
    role: 'Never tuned on: real public PDFs from other producers, read at evaluation time only (not in this repository).',
  },
};

async function evaluateFolder(fixtures: string): Promise<PlanRow[]> {
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
      const { pageCount, analysis, ocr } = await analyse(new Uint8Array(readFileSync(join(fixtures, file))));
      const ms = performance.now() - started;
      const ev = evaluatePlan(truth, analysis);
      rows.push({ name, ev, ms, pages: pageCount, ocr: ocrTally(ocr) });
      if (verbose) printPlanDetail(name, ev);
    } catch (err) {
      // A plan that cannot be analysed counts as all misses (its truth is in the totals).
      const empty = { pages: [], counts: { byType: {}, byRoom: {}, bySheet: {} }, warnings: [] };
      rows.push({
        name,
        ev: evaluatePlan(truth, empty),
        ms: performance.now() - started,
        pages: 0,
        ocr: { pages: 0, words: 0 },
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return rows;
}

async function evaluateCorpus(corpus: Corpus): Promise<string | null> {
  if (corpus === 'real')
    return evaluateReal(
      writesReal() ? (body) => writeSection('real', renderSection('real', body)) : undefined,
    );
  if (corpus === 'ours' || customFixtures) {
    const folder = customFixtures ?? join(root, 'fixtures', 'plans');
    return renderReport(await evaluateFolder(folder), corpus, relativeName(folder));
  }
  const set = corpus.endsWith('-dev') ? 'dev' : 'holdout';
  const generator = corpus.startsWith('indep3-')
    ? { write: writeIndep3Set, script: 'plans:indep3' }
    : corpus.startsWith('indep2-')
      ? { write: writeIndep2Set, script: 'plans:indep2' }
      : { write: writeIndepSet, script: 'plans:indep' };
  const dir = mkdtempSync(join(tmpdir(), `saeq-${corpus}-`));
  try {
    await generator.write(set, dir);
    const report = renderReport(await evaluateFolder(dir), corpus, `pnpm ${generator.script} --set ${set}`);
    return `${describeIndepSet(dir)}\n\n${report}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One paragraph on what the generated set holds (so a table can be read against its makeup). */
function describeIndepSet(dir: string): string {
  type Page = { kind: string; textLayer: boolean; symbolStyle: string; symbols: { rotation: number }[] };
  const truths = readdirSync(dir)
    .filter((f) => f.endsWith('.truth.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { wording: string; pages: Page[] });
  const pages = truths.flatMap((t) => t.pages);
  const wordings = new Map<string, number>();
  for (const t of truths) wordings.set(t.wording, (wordings.get(t.wording) ?? 0) + 1);
  const floors = pages.filter((p) => p.kind === 'floor');
  return [
    `Makeup: wording sets ${[...wordings].map(([w, n]) => `${w} ${n}`).join(', ')};`,
    `${truths.filter((t) => t.pages.some((p) => p.kind === 'legend')).length} sets with their legend on a symbols sheet;`,
    `${pages.filter((p) => !p.textLayer).length} of ${pages.length} pages without a text layer (text as strokes);`,
    `floor sheets with symbols as Form XObjects ${floors.filter((p) => p.symbolStyle === 'xobject').length}, exploded ${floors.filter((p) => p.symbolStyle === 'exploded').length};`,
    `${floors.filter((p) => p.symbols.some((s) => s.rotation % 90 !== 0)).length} floor sheets with symbols at other than right angles.`,
  ].join(' ');
}

function relativeName(folder: string): string {
  return folder.startsWith(root) ? `${folder.slice(root.length + 1)}/` : folder;
}

/**
 * The real-sheet table. OCR of their stroke-text pages takes minutes, so with `progress` the
 * section is handed over after every file, marked partial until the last one is done: a run cut
 * short still records what completed.
 */
async function evaluateReal(progress?: (body: string) => void): Promise<string | null> {
  const dir = process.env.PLANS_REAL_DIR
    ? resolve(process.env.PLANS_REAL_DIR)
    : join(root, '..', 'shared', 'plans-real');
  const truth = existsSync(dir) ? readRealTruth(dir) : null;
  if (!truth) {
    console.log(`real: skipped (no ${dir}/truth.json; set PLANS_REAL_DIR)`);
    return null;
  }
  const lines: string[] = [];
  const sum = {
    counts: { withinTen: 0, total: 0 },
    panels: { found: 0, positionsExact: 0, headerOk: 0, total: 0 },
    scales: { correct: 0, total: 0 },
    rooms: { tp: 0, fp: 0, fn: 0 },
  };
  const times: string[] = [];
  const ocrDone: string[] = [];
  // `--only a,b,c` on this corpus: the files matching any of them, in that order (slow ones last).
  const chosen = only
    ? [...new Set(only.split(',').flatMap((part) => truth.filter((file) => file.file.includes(part))))]
    : truth;
  const every = truth.map((f) => basename(f.file, '.pdf'));
  const done: string[] = [];
  for (const file of chosen) {
    const started = performance.now();
    let analysis: PlanAnalysis;
    try {
      const read = await analyse(new Uint8Array(readFileSync(join(dir, file.file))));
      analysis = read.analysis;
      const tally = ocrTally(read.ocr);
      ocrDone.push(`${basename(file.file, '.pdf')} ${tally.words} words on ${tally.pages} pages`);
    } catch (err) {
      console.log(`${file.file}: ${err instanceof Error ? err.message : String(err)}`);
      analysis = { pages: [], counts: { byType: {}, byRoom: {}, bySheet: {} }, warnings: [] };
    }
    times.push(`${basename(file.file, '.pdf')} ${((performance.now() - started) / 1000).toFixed(2)} s`);
    console.error(`real: ${times.at(-1)}`);
    const scored = scoreRealFile(file, analysis);
    lines.push(...scored.lines);
    const r = scored.report;
    sum.counts.withinTen += r.counts.withinTen;
    sum.counts.total += r.counts.total;
    sum.panels.found += r.panels.found;
    sum.panels.positionsExact += r.panels.positionsExact;
    sum.panels.headerOk += r.panels.headerOk;
    sum.panels.total += r.panels.total;
    sum.scales.correct += r.scales.correct;
    sum.scales.total += r.scales.total;
    sum.rooms.tp += r.rooms.tp;
    sum.rooms.fp += r.rooms.fp;
    sum.rooms.fn += r.rooms.fn;
    done.push(basename(file.file, '.pdf'));
    if (done.length < chosen.length) progress?.(render());
  }
  return render();

  function render(): string {
    const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${pct(a / b)} (${a}/${b})`);
    const rooms = { ...sum.rooms };
    const out: string[] = [];
    if (done.length < every.length) {
      const missing = every.filter((n) => !done.includes(n));
      out.push(
        `**Partial run: ${done.length} of ${every.length} files measured** (${done.join(', ')}); not measured in this table: ${missing.join(', ')}.`,
      );
      out.push('');
    }
    out.push('| Measure | Result |');
    out.push('|---|---:|');
    out.push(
      `| Device counts within ±10 % of the truth (per legend entry) | ${ratio(sum.counts.withinTen, sum.counts.total)} |`,
    );
    out.push(`| Panels found | ${ratio(sum.panels.found, sum.panels.total)} |`);
    out.push(
      `| Panels with the right circuit-position count | ${ratio(sum.panels.positionsExact, sum.panels.total)} |`,
    );
    out.push(
      `| Panels with the right header (voltage, phases, main) | ${ratio(sum.panels.headerOk, sum.panels.total)} |`,
    );
    out.push(`| Scales (within 0.5 %; N.T.S. = none) | ${ratio(sum.scales.correct, sum.scales.total)} |`);
    out.push(
      `| Room names: precision / recall | ${pct(precision(rooms))} / ${pct(recall(rooms))} (${rooms.tp} found, ${rooms.fn} missed, ${rooms.fp} extra) |`,
    );
    out.push('');
    out.push('| Sheet | Truth field | Truth | Found | Right |');
    out.push('|---|---|---:|---|---|');
    out.push(...lines);
    out.push('');
    out.push(`Analysis time (extraction, OCR, analysis): ${times.join(', ')}.`);
    out.push('');
    out.push(`OCR (pages without a text layer): ${ocrDone.join(', ') || 'none'}.`);
    out.push('');
    return out.join('\n');
  }
}

/** The real table says which files it measured, so a subset (`--only`) may be written too. */
function writesReal(): boolean {
  return write && !customFixtures;
}

async function main(): Promise<void> {
  const corpora: Corpus[] = corpusArg === 'all' ? [...CORPORA] : [corpusArg as Corpus];
  try {
    for (const corpus of corpora) {
      const body = await evaluateCorpus(corpus);
      if (body === null) continue;
      const section = renderSection(corpus, body);
      console.log(section);
      if (corpus === 'real' ? writesReal() : write && !only && !customFixtures) {
        writeSection(corpus, section);
        console.log(`Written to docs/accuracy.md (${corpus})`);
      }
    }
  } finally {
    // The OCR worker keeps the process alive until it is stopped.
    await (await engine?.catch(() => undefined))?.terminate();
  }
}

function renderSection(corpus: Corpus, body: string): string {
  const s = SECTION[corpus];
  return [`## ${s.title}`, '', `Regenerate: \`${s.command}\`. ${s.role}`, '', body].join('\n');
}

const INTRO = [
  '# Plan analysis accuracy',
  '',
  'One section per corpus; each is rewritten by `pnpm eval:plans --corpus <name>` (`--corpus all` runs them all in turn).',
  'Tuned on: **ours**, **indep-dev**, **indep2-dev** and **indep3-dev**. Never tuned on: **indep-holdout**, **indep2-holdout**, **indep3-holdout** and **real** — report these.',
  '',
].join('\n');

/** Replaces the corpus's section of docs/accuracy.md between its markers, keeping everything else. */
function writeSection(corpus: Corpus, section: string): void {
  const target = join(root, 'docs', 'accuracy.md');
  const begin = `<!-- corpus:${corpus} -->`;
  const end = `<!-- /corpus:${corpus} -->`;
  let previous = '';
  try {
    previous = readFileSync(target, 'utf8');
  } catch {
    // First run: nothing to keep.
  }
  const block = `${begin}\n${section}\n${end}`;
  if (previous.includes(begin) && previous.includes(end)) {
    writeFileSync(
      target,
      previous.slice(0, previous.indexOf(begin)) + block + previous.slice(previous.indexOf(end) + end.length),
    );
    return;
  }
  // A corpus added after the file was written (e.g. indep2-*): insert its section before the next
  // corpus that already has one (or before "## History"), keeping every other section as it is.
  const existing = CORPORA.slice(CORPORA.indexOf(corpus) + 1).find((c) =>
    previous.includes(`<!-- corpus:${c} -->`),
  );
  const anchor = existing
    ? previous.indexOf(`<!-- corpus:${existing} -->`)
    : previous.indexOf('\n## History');
  if (CORPORA.some((c) => previous.includes(`<!-- corpus:${c} -->`)) && anchor >= 0) {
    const at = existing ? anchor : anchor + 1;
    writeFileSync(target, `${previous.slice(0, at)}${block}\n\n${previous.slice(at)}`);
    return;
  }
  // No markers at all: rebuild the file with every section in order, keeping "## History".
  const at = previous.indexOf('\n## History');
  const history = at >= 0 ? previous.slice(at + 1) : '';
  const sections = CORPORA.map((c) =>
    c === corpus
      ? block
      : `<!-- corpus:${c} -->\n## ${SECTION[c].title}\n\nNot measured yet: \`${SECTION[c].command}\`.\n<!-- /corpus:${c} -->`,
  );
  writeFileSync(target, `${INTRO}\n${sections.join('\n\n')}\n${history ? `\n${history}` : ''}`);
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

function renderReport(rows: PlanRow[], corpus: Corpus, source: string): string {
  const sheet = sumTallies(rows.map((r) => r.ev.sheetCounts));
  const room = sumTallies(rows.map((r) => r.ev.roomCounts));
  const located = sumTallies(rows.map((r) => r.ev.located));
  const types = [...new Set([...Object.keys(sheet), ...Object.keys(room), ...Object.keys(located)])].sort();
  const lines: string[] = [];
  lines.push(
    `${rows.length} plans (${rows.reduce((a, r) => a + r.pages, 0)} pages) from \`${source}\` (${corpus}).`,
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
  lines.push('### Per plan');
  lines.push('');
  lines.push('| Plan | Pages | OCR pages: words | Sheet F1 | Located F1 | Circuits | Scale | Rooms | Time |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const s = total(r.ev.sheetCounts);
    const l = total(r.ev.located);
    const rn = r.ev.roomNames;
    lines.push(
      `| ${r.name}${r.error ? ` (error: ${r.error})` : ''} | ${r.pages} | ${r.ocr.pages}: ${r.ocr.words} | ${pct(f1(s))} | ${pct(f1(l))} | ${r.ev.circuits.exact}/${r.ev.circuits.truth} | ${r.ev.scale.correct}/${r.ev.scale.total} | ${rn.tp}/${rn.tp + rn.fn} | ${(r.ms / 1000).toFixed(2)} s |`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

await main();
