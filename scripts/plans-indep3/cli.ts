/**
 * `pnpm plans:indep3 --set dev|holdout [--count 20] [--out <dir>]`: writes IEC / South-African
 * distribution-board single-line-diagram sets with their ground truth.
 */
import { resolve } from 'node:path';
import { writeIndep3Set } from './write-set.ts';

const args = process.argv.slice(2);
const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const set = value('--set') ?? 'dev';
if (set !== 'dev' && set !== 'holdout') {
  console.error('--set must be dev or holdout');
  process.exit(2);
}
const count = Number(value('--count') ?? 20);
if (!Number.isInteger(count) || count < 1) {
  console.error('--count must be a positive integer');
  process.exit(2);
}
const out = resolve(value('--out') ?? `/tmp/indep3-${set}`);
const names = await writeIndep3Set(set, out, count);
console.log(`${names.length} plans written to ${out}`);
