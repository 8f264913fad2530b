import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateIndep3Plan, type PlanSet, setSeeds } from './generate.ts';

/** Writes `<name>.pdf` + `<name>.truth.json` for every plan of a set into `dir`; returns the names. */
export async function writeIndep3Set(set: PlanSet, dir: string, count = 20): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const names: string[] = [];
  for (let i = 0; i < setSeeds(set, count).length; i++) {
    const plan = await generateIndep3Plan(set, i);
    writeFileSync(join(dir, `${plan.name}.pdf`), plan.pdf);
    writeFileSync(join(dir, `${plan.name}.truth.json`), `${JSON.stringify(plan.truth, null, 1)}\n`);
    names.push(plan.name);
  }
  return names;
}
