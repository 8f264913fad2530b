import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hostileCases } from './corpus.ts';

/**
 * Writes the hostile-PDF corpus to fixtures/hostile/<name>.pdf with a manifest.json (size,
 * sha256, description and the expected outcome of each file).
 *
 *   node --import tsx scripts/hostile-pdfs/generate.ts [--out <dir>] [--only <name>]
 *
 * The files are deterministic; the integration test builds the same bytes in memory
 * (services/worker-pdf/test/hostile.int.test.ts), so the corpus on disk is for manual runs
 * (curl, other readers), not a test input that could go stale.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: { out: { type: 'string', default: join(root, 'fixtures/hostile') }, only: { type: 'string' } },
});
const outDir = resolve(values.out);
await mkdir(outDir, { recursive: true });

const manifest = [];
for (const hostile of hostileCases) {
  if (values.only && !hostile.name.includes(values.only)) continue;
  const started = performance.now();
  const data = await hostile.build();
  const file = `${hostile.name}.pdf`;
  await writeFile(join(outDir, file), data);
  manifest.push({
    file,
    sizeBytes: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
    description: hostile.description,
    expect: hostile.expect,
  });
  console.log(
    `${file.padEnd(28)} ${String(data.length).padStart(9)} bytes  ${(performance.now() - started).toFixed(0)} ms`,
  );
}
if (!values.only) await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
