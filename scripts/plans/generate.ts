import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusSpecs, generatePlan, sampleSpec } from './index.ts';

/**
 * `pnpm plans:generate [--only <name-substring>] [--out <dir>]`: writes fixtures/plans/<name>.pdf
 * and <name>.truth.json for the README sample and the corpus, then the edge fixtures.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const outDir = resolve(option('--out') ?? join(root, 'fixtures/plans'));
const only = option('--only');

await mkdir(outDir, { recursive: true });
const specs = [sampleSpec(), ...corpusSpecs()].filter((s) => !only || s.name.includes(only));
for (const spec of specs) {
  const plan = await generatePlan(spec);
  await writeFile(join(outDir, `${plan.name}.pdf`), plan.pdf);
  await writeFile(join(outDir, `${plan.name}.truth.json`), `${JSON.stringify(plan.truth, null, 2)}\n`);
  const n = plan.truth.pages.reduce((s, p) => s + p.symbols.length, 0);
  console.log(`${plan.name}.pdf  ${(plan.pdf.length / 1024).toFixed(1)} KB  ${plan.truth.pages.length} page(s)  ${n} symbols`);
}
