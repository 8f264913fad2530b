import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { pathToFileURL } from 'node:url';

/**
 * One line of the `pnpm bench` table: a figure of ours against a baseline measured in the same
 * run on the same machine (../shared/BENCHMARKS.md), and their ratio.
 */
export type BenchRow = {
  area: string;
  metric: string;
  ours: string;
  baseline: string;
  /** ours / baseline, in the unit of the metric (throughputs: higher is better; times: lower is). */
  ratio: number;
  /** e.g. "≥ 0.70", "≤ 2.00"; absent when the issue sets no goal. */
  goal?: string;
  met?: boolean;
  note?: string;
};

export function throughputRow(
  area: string,
  metric: string,
  ours: number,
  baseline: number,
  unit: string,
  opts: { goalAtLeast?: number; note?: string; baselineLabel?: string } = {},
): BenchRow {
  const ratio = ours / baseline;
  return {
    area,
    metric,
    ours: `${fmt(ours)} ${unit}`,
    baseline: `${opts.baselineLabel ? `${opts.baselineLabel}: ` : ''}${fmt(baseline)} ${unit}`,
    ratio,
    ...(opts.goalAtLeast === undefined
      ? {}
      : { goal: `≥ ${opts.goalAtLeast.toFixed(2)}`, met: ratio >= opts.goalAtLeast }),
    ...(opts.note ? { note: opts.note } : {}),
  };
}

export function durationRow(
  area: string,
  metric: string,
  oursMs: number,
  baselineMs: number,
  opts: { goalAtMost?: number; note?: string; baselineLabel?: string } = {},
): BenchRow {
  const ratio = oursMs / baselineMs;
  return {
    area,
    metric,
    ours: ms(oursMs),
    baseline: `${opts.baselineLabel ? `${opts.baselineLabel}: ` : ''}${ms(baselineMs)}`,
    ratio,
    ...(opts.goalAtMost === undefined
      ? {}
      : { goal: `≤ ${opts.goalAtMost.toFixed(2)}`, met: ratio <= opts.goalAtMost }),
    ...(opts.note ? { note: opts.note } : {}),
  };
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US').replace(/,/g, ' ');
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

export function ms(n: number): string {
  return n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : n >= 100 ? `${Math.round(n)} ms` : `${n.toFixed(1)} ms`;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** Machine, load and date line printed above the table (ratios only make sense with it). */
export function machineLine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  let redis = '?';
  let postgres = '?';
  try {
    redis = /v=(\S+)/.exec(execFileSync('redis-server', ['--version'], { encoding: 'utf8' }))?.[1] ?? '?';
  } catch {}
  try {
    postgres = execFileSync('pg_config', ['--version'], { encoding: 'utf8' })
      .trim()
      .replace('PostgreSQL ', '');
  } catch {}
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  return `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, Redis ${redis}, Postgres ${postgres}, load average ${load}`;
}

/** The table as GitHub markdown. */
export function markdownTable(rows: readonly BenchRow[]): string {
  const head =
    '| area | metric | ours | baseline (same run) | ratio | goal | |\n|---|---|---|---|---|---|---|';
  const body = rows.map(
    (r) =>
      `| ${r.area} | ${r.metric} | ${r.ours} | ${r.baseline} | ${r.ratio.toFixed(2)} | ${r.goal ?? ''} | ${
        r.met === undefined ? '' : r.met ? 'met' : '**not met**'
      }${r.note ? ` ${r.note}` : ''} |`,
  );
  return [head, ...body].join('\n');
}

/** True when the module is the process's entry point (each bench file also runs on its own). */
export function isMain(importMetaUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && importMetaUrl === pathToFileURL(entry).href;
}
