import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusSpecs, generatePlan, sampleSpec } from './index.ts';

/**
 * `pnpm plans:generate [--only <name-substring>] [--out <dir>]`: writes fixtures/plans/<name>.pdf
 * and <name>.truth.json for the README sample, the corpus and the IEC single-line-diagram sheets
 * (`sld-boards.ts`), then the edge fixtures.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const outDir = resolve(option('--out') ?? join(root, 'fixtures/plans'));
const only = option('--only');

interface ManifestEntry {
  readonly file: string;
  readonly truth: string | null;
  readonly kind: 'vector' | 'scanned' | 'truncated' | 'not-a-pdf';
  readonly pages: number | null;
  readonly language: 'fr' | 'en' | null;
  readonly summary: string;
  /** What the pipeline should do with it. */
  readonly expect: {
    status: 'completed' | 'failed' | 'rejected';
    warnings?: string[];
    errorCode?: string;
    httpStatus?: number;
  };
}

await mkdir(outDir, { recursive: true });
const manifest: ManifestEntry[] = [];
const specs = [sampleSpec(), ...corpusSpecs()].filter((s) => !only || s.name.includes(only));
for (const spec of specs) {
  const plan = await generatePlan(spec);
  manifest.push({
    file: `${plan.name}.pdf`,
    truth: `${plan.name}.truth.json`,
    kind: 'vector',
    pages: plan.truth.pages.length,
    language: plan.truth.language,
    summary: plan.truth.summary,
    expect: { status: 'completed', warnings: [] },
  });
  await writeFile(join(outDir, `${plan.name}.pdf`), plan.pdf);
  await writeFile(join(outDir, `${plan.name}.truth.json`), `${JSON.stringify(plan.truth, null, 2)}\n`);
  const n = plan.truth.pages.reduce((s, p) => s + p.symbols.length, 0);
  console.log(
    `${plan.name}.pdf  ${(plan.pdf.length / 1024).toFixed(1)} KB  ${plan.truth.pages.length} page(s)  ${n} symbols`,
  );
}

const { generateSldSheet, sldSheetSpecs } = await import('./sld-boards.ts');
for (const spec of sldSheetSpecs().filter((s) => !only || s.name.includes(only))) {
  const sheet = await generateSldSheet(spec);
  manifest.push({
    file: `${sheet.name}.pdf`,
    truth: `${sheet.name}.truth.json`,
    kind: 'vector',
    pages: sheet.truth.pages.length,
    language: sheet.truth.language,
    summary: sheet.truth.summary,
    expect: { status: 'completed', warnings: [...sheet.truth.expectedWarnings] },
  });
  await writeFile(join(outDir, `${sheet.name}.pdf`), sheet.pdf);
  await writeFile(join(outDir, `${sheet.name}.truth.json`), `${JSON.stringify(sheet.truth, null, 2)}\n`);
  const ways = sheet.truth.pages.flatMap((p) => p.panels).reduce((s, b) => s + b.circuits.length, 0);
  console.log(`${sheet.name}.pdf  ${(sheet.pdf.length / 1024).toFixed(1)} KB  ${ways} circuits`);
}

// Telecom sheets (not power plans): their own module, new files only.
const { generateTelecomPlan, telecomSpecs } = await import('./telecom.ts');
for (const spec of telecomSpecs().filter((s) => !only || s.name.includes(only))) {
  const plan = await generateTelecomPlan(spec);
  manifest.push({
    file: `${spec.name}.pdf`,
    truth: `${spec.name}.truth.json`,
    kind: 'vector',
    pages: 1,
    language: spec.language,
    summary: plan.truth.summary,
    expect: { status: 'completed', warnings: ['not_power_plan'] },
  });
  await writeFile(join(outDir, `${spec.name}.pdf`), plan.pdf);
  await writeFile(join(outDir, `${spec.name}.truth.json`), `${JSON.stringify(plan.truth, null, 2)}\n`);
  console.log(`${spec.name}.pdf  ${(plan.pdf.length / 1024).toFixed(1)} KB  telecom sheet`);
}

const { scannedPlanPdf, scannedPlanImage, truncatePdf } = await import('./edge-fixtures.ts');
if (!only || 'scanned-plan truncated-plan not-a-pdf'.includes(only)) {
  const scanned = await scannedPlanPdf();
  await writeFile(join(outDir, 'scanned-plan.pdf'), scanned.pdf);
  await writeFile(join(outDir, 'scanned-plan.truth.json'), `${JSON.stringify(scanned.truth, null, 2)}\n`);
  const sample = await generatePlan(sampleSpec());
  await writeFile(join(outDir, 'truncated-plan.pdf'), truncatePdf(sample.pdf));
  await writeFile(join(outDir, 'not-a-pdf.pdf'), scannedPlanImage(5).png);
  console.log('scanned-plan.pdf, truncated-plan.pdf, not-a-pdf.pdf');
  manifest.push(
    {
      file: 'scanned-plan.pdf',
      truth: 'scanned-plan.truth.json',
      kind: 'scanned',
      pages: 1,
      language: null,
      summary: scanned.truth.summary,
      expect: { status: 'completed', warnings: ['scanned_page'] },
    },
    {
      file: 'truncated-plan.pdf',
      truth: null,
      kind: 'truncated',
      pages: null,
      language: null,
      summary: 'valid %PDF header, cut at 35 % of sample-plan.pdf',
      expect: { status: 'failed', errorCode: 'pdf_unreadable' },
    },
    {
      file: 'not-a-pdf.pdf',
      truth: null,
      kind: 'not-a-pdf',
      pages: null,
      language: null,
      summary: 'PNG bytes with a .pdf name',
      expect: { status: 'rejected', httpStatus: 415 },
    },
  );
}
// With --only, the entries written replace theirs in the existing manifest (the rest is kept).
const indexPath = join(outDir, 'index.json');
const previous: ManifestEntry[] = only
  ? await readFile(indexPath, 'utf8').then(
      (t) => JSON.parse(t) as ManifestEntry[],
      () => [],
    )
  : [];
const written = new Set(manifest.map((e) => e.file));
await writeFile(
  indexPath,
  `${JSON.stringify([...previous.filter((e) => !written.has(e.file)), ...manifest], null, 2)}\n`,
);
