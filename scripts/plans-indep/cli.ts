/**
 * `pnpm plans:indep --set dev|holdout --out <dir> [--count 20]` — writes an independent plan set
 * (PDF + truth per plan). `dev` may be tuned on; `holdout` is for reporting only.
 */
import { resolve } from 'node:path';
import { writeIndepSet } from './write-set.ts';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const set = arg('--set');
const out = arg('--out');
const count = Number(arg('--count') ?? 20);
if ((set !== 'dev' && set !== 'holdout') || !out || !Number.isInteger(count) || count < 1) {
  console.error('usage: pnpm plans:indep --set dev|holdout --out <dir> [--count 20]');
  process.exit(2);
}
const started = performance.now();
const names = await writeIndepSet(set, resolve(out), count);
console.log(
  `${names.length} plans (${set}) written to ${resolve(out)} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
