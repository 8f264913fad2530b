/**
 * `pnpm plans:indep2 --set dev|holdout --out <dir> [--count 20]` — writes a plans-indep2 set
 * (PDF + truth.json per plan). See README.md.
 */
import { resolve } from 'node:path';
import type { PlanSet } from './generate.ts';
import { writeIndep2Set } from './write-set.ts';

const args = process.argv.slice(2);
const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const set = value('--set') ?? 'dev';
if (set !== 'dev' && set !== 'holdout') {
  process.stderr.write('--set must be dev or holdout\n');
  process.exit(2);
}
const out = resolve(value('--out') ?? `plans-indep2-${set}`);
const count = Number(value('--count') ?? 20);
const names = await writeIndep2Set(set as PlanSet, out, count);
process.stdout.write(`${names.length} plans written to ${out}\n`);
