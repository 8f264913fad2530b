import { readFileSync } from 'node:fs';
import { analyzePlan } from '@saeq/plan-analysis/analyze-plan';
import { extractDocument } from './src/extraction/extract-document.ts';
import { readMissingText } from './src/ocr/read-missing-text.ts';
import { createTesseractEngine, type OcrEngine } from './src/ocr/tesseract-engine.ts';

let eng: Promise<OcrEngine> | undefined;
for (const file of process.argv.slice(2)) {
  const data = new Uint8Array(readFileSync(`/work/shared/plans-real/pdf/${file}`));
  const t = Date.now();
  const doc = await extractDocument(data);
  const { doc: read, reports } = await readMissingText(data, doc, () => (eng ??= createTesseractEngine()), {
    dpi: 200,
  });
  const a = analyzePlan(read, { locale: 'en' });
  process.stdout.write(`${file}: ${Date.now() - t} ms; OCR pages ${JSON.stringify(reports)}\n`);
  for (const p of a.pages)
    process.stdout.write(
      `  p${p.number} panels ${JSON.stringify(p.panels.map((x) => [x.name, x.positionCount, x.voltage, x.circuits.length]))} ocrWords ${p.ocrWords?.length ?? 0}\n`,
    );
  process.stdout.write(`  warnings ${JSON.stringify(a.warnings.map((w) => [w.code, w.page]))}\n`);
}
await (await eng)?.terminate();
