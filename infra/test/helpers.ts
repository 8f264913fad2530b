import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMetrics } from '@saeq/shared/metrics';
import { parseAllDocuments } from 'yaml';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const infraDir = join(repoRoot, 'infra');

/** Files under `dir` (recursive) whose name ends with one of `suffixes`, relative to the repo. */
export function listFiles(dir: string, suffixes: string[]): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.'))
        out.push(...listFiles(path, suffixes));
    } else if (suffixes.some((s) => entry.name.endsWith(s))) out.push(relative(repoRoot, path));
  }
  return out.sort();
}

/**
 * Every document of a YAML file as plain data. Strict: duplicate keys and syntax errors throw;
 * `<<` merge keys are resolved (compose files use them).
 */
export function readYamlDocuments(file: string): unknown[] {
  const text = readFileSync(join(repoRoot, file), 'utf8');
  return parseAllDocuments(text, { merge: true, uniqueKeys: true }).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  });
}

export function readYaml(file: string): unknown {
  const docs = readYamlDocuments(file);
  if (docs.length !== 1) throw new Error(`${file}: expected one YAML document, found ${docs.length}`);
  return docs[0];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` as a record, or a failed expectation naming `what`. */
export function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (!isRecord(value)) throw new Error(`${what}: expected a mapping, got ${JSON.stringify(value)}`);
  return value;
}

export function asArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what}: expected a list, got ${JSON.stringify(value)}`);
  return value;
}

/** Walks `path` (keys and list indexes) into nested data; undefined when a step is missing. */
export function dig(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (typeof step === 'number') current = Array.isArray(current) ? current[step] : undefined;
    else current = isRecord(current) ? current[step] : undefined;
  }
  return current;
}

export function hasCommand(command: string, args: string[] = ['--version']): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Why `command` cannot run here (with what installs it), or null when it runs. */
export function missingCommand(command: string, args: string[], install: string): string | null {
  return hasCommand(command, args) ? null : `\`${[command, ...args].join(' ')}\` does not run (${install})`;
}

/**
 * For `describe.skipIf`: true when `reason` is set, after printing one line that names the
 * skipped tests and why, so every skip is explained in the CI log (vitest only counts them).
 */
export function skipWhen(tests: string, reason: string | null): boolean {
  if (reason === null) return false;
  console.warn(`[infra] SKIPPED ${tests}: ${reason}`);
  return true;
}

const promqlWords = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'inf',
  'nan',
]);

/**
 * Metric names a PromQL expression selects: identifiers that are not functions or aggregations
 * (followed by `(`), keywords, label names (inside `{}`, `by (…)`, `on (…)`…), strings, ranges
 * or numbers. Grafana variables ($__range…) only occur inside ranges, removed with them.
 */
export function promqlMetricNames(expr: string): string[] {
  const s = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const m of s.matchAll(/(?<![\w.:])([A-Za-z_:][A-Za-z0-9_:]*)(?![\w:])(?!\s*\()/g)) {
    const name = m[1] ?? '';
    if (!promqlWords.has(name.toLowerCase())) names.add(name);
  }
  return [...names].sort();
}

/**
 * Every series name SAEQ's processes export, read from a real registry built by the same
 * `createMetrics` every service calls (process defaults included), histograms expanded.
 */
export async function exportedMetricNames(): Promise<Set<string>> {
  const { registry } = createMetrics('infra-test');
  const names = new Set<string>();
  for (const metric of await registry.getMetricsAsJSON()) {
    const type = String(metric.type);
    if (type === 'histogram') {
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${metric.name}${suffix}`);
    } else if (type === 'summary') {
      for (const suffix of ['', '_sum', '_count']) names.add(`${metric.name}${suffix}`);
    } else {
      names.add(metric.name);
    }
  }
  return names;
}

/** Series that come from outside SAEQ's code: Prometheus itself and oliver006/redis_exporter. */
export const externalMetricNames = new Set([
  'up',
  'redis_up',
  'redis_memory_used_bytes',
  'redis_memory_max_bytes',
]);

/** The non-test TypeScript sources of packages/ and services/, concatenated (for grep-like checks). */
export function sourceText(): string {
  const files = [
    ...listFiles(join(repoRoot, 'packages'), ['.ts']),
    ...listFiles(join(repoRoot, 'services'), ['.ts']),
  ].filter((f) => !f.endsWith('.test.ts') && !f.includes('/test/'));
  return files.map((f) => readFileSync(join(repoRoot, f), 'utf8')).join('\n');
}
