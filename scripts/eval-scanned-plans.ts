/**
 * `node --import tsx scripts/eval-scanned-plans.ts [--fixtures <dir>] [--only <substring>]
 * [--dpi 200] [--angle 0] [--noise 0] [--limit <n>] [--keep <dir>] [--ocr-cache <dir>] [--verbose]` — how the analysis reads our
 * vector plans once scanned (issue 16: "scanned and outlined sheets give OCR text and counts").
 *
 * Each plan of the folder (default fixtures/plans/, or a generator's `--out` folder: PDF + truth
 * JSON beside it) is rendered page by page (pdfjs + @napi-rs/canvas, the renderer the worker uses
 * for OCR) at `--dpi`, turned `--angle` degrees counter-clockwise about the page centre, given
 * `--noise` (share of pixels flipped to a random grey, seeded: the same run gives the same
 * scans), wrapped as an image-only PDF of the same page size (pdf-lib, PNG) and analysed by the
 * service's pipeline (`analysePdf`, with OCR as `pnpm eval:plans` runs it). Prints per plan and in
 * total the sheet count F1 against the truth and the analysis time per page. `--keep` writes the
 * scanned PDFs there for a look. `--ocr-cache` keeps each image's OCR words in that folder (by
 * SHA-1 of the image and layout), so a second run measures a change to tracing or matching in
 * seconds instead of minutes (OCR is ~80 % of the time); `--verbose` prints the found − truth
 * count per type of each plan.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addTally, emptyTally, evaluatePlan, f1 } from '../packages/plan-analysis/src/evaluate.ts';
import { analysePdf } from '../services/worker-pdf/src/analysis/analyse-pdf.ts';
import { OCR_DEFAULTS } from '../services/worker-pdf/src/ocr/ocr-defaults.ts';
import {
  createTesseractEngine,
  type OcrEngine,
  type OcrWord,
} from '../services/worker-pdf/src/ocr/tesseract-engine.ts';
import { argValue, pct, plansWithTruth, scanPdf, sheetTally } from './plan-scans.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const folder = argValue(args, '--fixtures') ?? join(root, 'fixtures', 'plans');
const only = argValue(args, '--only');
const dpi = Number(argValue(args, '--dpi') ?? 200);
const angle = Number(argValue(args, '--angle') ?? 0);
const noise = Number(argValue(args, '--noise') ?? 0);
const limit = Number(argValue(args, '--limit') ?? Number.POSITIVE_INFINITY);
const keep = argValue(args, '--keep');
const ocrCache = argValue(args, '--ocr-cache');
const verbose = args.includes('--verbose');

/** `inner` with its answers kept in `dir`: an image already read is not read again. */
function cachedEngine(inner: OcrEngine, dir: string): OcrEngine {
  mkdirSync(dir, { recursive: true });
  return {
    concurrency: inner.concurrency,
    terminate: () => inner.terminate(),
    async recognize(image, o) {
      const key = createHash('sha1')
        .update(image)
        .update(o?.layout ?? 'sparse')
        .digest('hex');
      const file = join(dir, `${key}.json`);
      if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as OcrWord[];
      const words = await inner.recognize(image, o);
      writeFileSync(file, JSON.stringify(words));
      return words;
    },
  };
}

let engine: Promise<OcrEngine> | undefined;
const opts = {
  ocrMaxPages: OCR_DEFAULTS.maxPages,
  ocrDpi: OCR_DEFAULTS.dpi,
  engine: () => {
    engine ??= createTesseractEngine({ workers: OCR_DEFAULTS.workers }).then((e) =>
      ocrCache ? cachedEngine(e, ocrCache) : e,
    );
    return engine;
  },
};

let all = emptyTally();
let pages = 0;
let ms = 0;
let plans = 0;
if (keep) mkdirSync(keep, { recursive: true });
try {
  for (const { file, pdf, truth } of plansWithTruth(folder, only)) {
    if (plans >= limit) break;
    const scanned = await scanPdf(pdf, { dpi, angle, noise });
    if (keep) writeFileSync(join(keep, file), scanned);
    const started = performance.now();
    const { pageCount, analysis } = await analysePdf(scanned, opts);
    const took = performance.now() - started;
    const ev = evaluatePlan(truth, analysis);
    const sheet = sheetTally(ev);
    all = addTally(all, sheet);
    pages += pageCount;
    ms += took;
    plans += 1;
    process.stdout.write(
      `${file}: sheet count F1 ${pct(f1(sheet))} (tp ${sheet.tp} fp ${sheet.fp} fn ${sheet.fn}), ${pageCount} pages, ${(took / 1000 / pageCount).toFixed(2)} s/page\n`,
    );
    if (verbose) {
      const off = Object.entries(ev.sheetCounts)
        .filter(([, t]) => t.fp > 0 || t.fn > 0)
        .map(([type, t]) => `${type} ${t.fp > 0 ? `+${t.fp}` : ''}${t.fn > 0 ? `-${t.fn}` : ''}`);
      if (off.length > 0) process.stdout.write(`  ${off.join(', ')}\n`);
    }
  }
} finally {
  await (await engine?.catch(() => undefined))?.terminate();
}
process.stdout.write(
  `\n${plans} plans scanned at ${dpi} dpi, turned ${angle}°, noise ${noise}: sheet count F1 ${pct(f1(all))} (tp ${all.tp} fp ${all.fp} fn ${all.fn}), ${(ms / 1000 / Math.max(1, pages)).toFixed(2)} s/page\n`,
);
