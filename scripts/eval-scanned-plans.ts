/**
 * `node --import tsx scripts/eval-scanned-plans.ts [--fixtures <dir>] [--only <substring>]
 * [--dpi 200] [--angle 0] [--noise 0] [--limit <n>] [--keep <dir>]` — how the analysis reads our
 * vector plans once scanned (issue 16: "scanned and outlined sheets give OCR text and counts").
 *
 * Each plan of the folder (default fixtures/plans/, or a generator's `--out` folder: PDF + truth
 * JSON beside it) is rendered page by page (pdfjs + @napi-rs/canvas, the renderer the worker uses
 * for OCR) at `--dpi`, turned `--angle` degrees counter-clockwise about the page centre, given
 * `--noise` (share of pixels flipped to a random grey, seeded: the same run gives the same
 * scans), wrapped as an image-only PDF of the same page size (pdf-lib, PNG) and analysed by the
 * service's pipeline (`analysePdf`, with OCR as `pnpm eval:plans` runs it). Prints per plan and in
 * total the sheet count F1 against the truth and the analysis time per page. `--keep` writes the
 * scanned PDFs there for a look.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import {
  addTally,
  emptyTally,
  evaluatePlan,
  f1,
  type Tally,
  type TruthLike,
} from '../packages/plan-analysis/src/evaluate.ts';
import { analysePdf } from '../services/worker-pdf/src/analysis/analyse-pdf.ts';
import { loadPdfjs, safeDocumentParams } from '../services/worker-pdf/src/extraction/pdfjs.ts';
import { OCR_DEFAULTS } from '../services/worker-pdf/src/ocr/ocr-defaults.ts';
import { createTesseractEngine, type OcrEngine } from '../services/worker-pdf/src/ocr/tesseract-engine.ts';
import { Rng } from './plans/rng.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name: string): string | undefined =>
  args.includes(name) ? args[args.indexOf(name) + 1] : undefined;
const folder = arg('--fixtures') ?? join(root, 'fixtures', 'plans');
const only = arg('--only');
const dpi = Number(arg('--dpi') ?? 200);
const angle = Number(arg('--angle') ?? 0);
const noise = Number(arg('--noise') ?? 0);
const limit = Number(arg('--limit') ?? Number.POSITIVE_INFINITY);
const keep = arg('--keep');

/** Every page of `pdf` drawn at `dpi`, turned and noised, as one image-only PDF. */
async function scan(pdf: Uint8Array): Promise<Uint8Array> {
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument(safeDocumentParams(pdf)).promise;
  const out = await PDFDocument.create();
  const rng = new Rng(16);
  const random = (): number => rng.next();
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const unit = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: dpi / 72 });
      const width = Math.round(viewport.width);
      const height = Math.round(viewport.height);
      const drawn = createCanvas(width, height);
      const dctx = drawn.getContext('2d');
      dctx.fillStyle = '#ffffff';
      dctx.fillRect(0, 0, width, height);
      await page.render({ canvas: drawn as unknown as HTMLCanvasElement, viewport }).promise;
      const sheet = createCanvas(width, height);
      const ctx = sheet.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, width, height);
      ctx.translate(width / 2, height / 2);
      // Canvas y points down: a negative turn is counter-clockwise on the sheet.
      ctx.rotate((-angle * Math.PI) / 180);
      ctx.drawImage(drawn, -width / 2, -height / 2);
      if (noise > 0) {
        const img = ctx.getImageData(0, 0, width, height);
        for (let i = 0; i < img.data.length; i += 4) {
          if (random() >= noise) continue;
          const g = Math.floor(random() * 256);
          img.data[i] = g;
          img.data[i + 1] = g;
          img.data[i + 2] = g;
        }
        ctx.putImageData(img, 0, 0);
      }
      const png = await sheet.encode('png');
      const image = await out.embedPng(png);
      out.addPage([unit.width, unit.height]).drawImage(image, {
        x: 0,
        y: 0,
        width: unit.width,
        height: unit.height,
      });
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return out.save();
}

let engine: Promise<OcrEngine> | undefined;
const opts = {
  ocrMaxPages: OCR_DEFAULTS.maxPages,
  ocrDpi: OCR_DEFAULTS.dpi,
  engine: () => {
    engine ??= createTesseractEngine({ workers: OCR_DEFAULTS.workers });
    return engine;
  },
};

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
let all = emptyTally();
let pages = 0;
let ms = 0;
let plans = 0;
if (keep) mkdirSync(keep, { recursive: true });
try {
  for (const file of readdirSync(folder).sort()) {
    if (plans >= limit) break;
    if (!file.endsWith('.pdf') || (only && !file.includes(only))) continue;
    let truth: TruthLike;
    try {
      truth = JSON.parse(
        readFileSync(join(folder, file.replace(/\.pdf$/, '.truth.json')), 'utf8'),
      ) as TruthLike;
    } catch {
      continue;
    }
    const scanned = await scan(new Uint8Array(readFileSync(join(folder, file))));
    if (keep) writeFileSync(join(keep, file), scanned);
    const started = performance.now();
    const { pageCount, analysis } = await analysePdf(scanned, opts);
    const took = performance.now() - started;
    const ev = evaluatePlan(truth, analysis);
    const sheet = Object.values(ev.sheetCounts).reduce<Tally>(addTally, emptyTally());
    all = addTally(all, sheet);
    pages += pageCount;
    ms += took;
    plans += 1;
    process.stdout.write(
      `${file}: sheet count F1 ${pct(f1(sheet))} (tp ${sheet.tp} fp ${sheet.fp} fn ${sheet.fn}), ${pageCount} pages, ${(took / 1000 / pageCount).toFixed(2)} s/page\n`,
    );
  }
} finally {
  await (await engine?.catch(() => undefined))?.terminate();
}
process.stdout.write(
  `\n${plans} plans scanned at ${dpi} dpi, turned ${angle}°, noise ${noise}: sheet count F1 ${pct(f1(all))} (tp ${all.tp} fp ${all.fp} fn ${all.fn}), ${(ms / 1000 / Math.max(1, pages)).toFixed(2)} s/page\n`,
);
