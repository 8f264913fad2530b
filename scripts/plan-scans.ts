/**
 * What scripts/eval-scanned-plans.ts, scripts/eval-skewed-plans.ts and bench/scanned-analysis.ts
 * share: the plans of a folder with their truth, a plan re-made as a scan (an image-only PDF) or
 * re-plotted askew, and the sum of the sheet count tallies.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { degrees, PDFDocument } from 'pdf-lib';
import {
  addTally,
  emptyTally,
  type PlanEvaluation,
  type Tally,
  type TruthLike,
} from '../packages/plan-analysis/src/evaluate.ts';
import { loadPdfjs, safeDocumentParams } from '../services/worker-pdf/src/extraction/pdfjs.ts';
import { Rng } from './plans/rng.ts';

export type PlanWithTruth = { file: string; pdf: Uint8Array; truth: TruthLike };

/** Every `*.pdf` of `folder` (sorted, names containing `only` if given) that has a `.truth.json` beside it. */
export function* plansWithTruth(folder: string, only?: string): Generator<PlanWithTruth> {
  for (const file of readdirSync(folder).sort()) {
    if (!file.endsWith('.pdf') || (only && !file.includes(only))) continue;
    let truth: TruthLike;
    try {
      truth = JSON.parse(
        readFileSync(join(folder, file.replace(/\.pdf$/, '.truth.json')), 'utf8'),
      ) as TruthLike;
    } catch {
      continue;
    }
    yield { file, pdf: new Uint8Array(readFileSync(join(folder, file))), truth };
  }
}

/** The value of `--name` in `args`, if given. */
export function argValue(args: readonly string[], name: string): string | undefined {
  return args.includes(name) ? args[args.indexOf(name) + 1] : undefined;
}

export const sumTallies = (records: readonly Record<string, Tally>[]): Tally =>
  records.flatMap((r) => Object.values(r)).reduce<Tally>(addTally, emptyTally());

/** The sheet count tally of one plan's evaluation (every sheet and type together). */
export const sheetTally = (ev: PlanEvaluation): Tally => sumTallies([ev.sheetCounts]);

export const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;

export type ScanOptions = {
  /** Resolution of the scan. */
  dpi: number;
  /** Degrees the sheet is turned counter-clockwise about the page centre. */
  angle?: number;
  /** Share of pixels flipped to a random grey (seeded: the same call gives the same scan). */
  noise?: number;
  /** Pages scanned at most (from the first). */
  maxPages?: number;
};

/**
 * Every page of `pdf` drawn at `dpi` (pdfjs + @napi-rs/canvas, the renderer the worker uses for
 * OCR), turned and noised, wrapped as one image-only PDF (PNG) of the same page sizes.
 */
export async function scanPdf(pdf: Uint8Array, opts: ScanOptions): Promise<Uint8Array> {
  const { dpi, angle = 0, noise = 0 } = opts;
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument(safeDocumentParams(pdf)).promise;
  const out = await PDFDocument.create();
  const rng = new Rng(16);
  try {
    const last = Math.min(doc.numPages, opts.maxPages ?? doc.numPages);
    for (let n = 1; n <= last; n++) {
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
          if (rng.next() >= noise) continue;
          const g = Math.floor(rng.next() * 256);
          img.data[i] = g;
          img.data[i + 1] = g;
          img.data[i + 2] = g;
        }
        ctx.putImageData(img, 0, 0);
      }
      const image = await out.embedPng(await sheet.encode('png'));
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

/** Every page of `pdf` turned by `deg` counter-clockwise about its centre, as a form XObject (vectors kept). */
export async function replotTurned(pdf: Uint8Array, deg: number): Promise<Uint8Array> {
  const src = await PDFDocument.load(pdf);
  const out = await PDFDocument.create();
  const pages = await out.embedPdf(src, src.getPageIndices());
  const r = (deg * Math.PI) / 180;
  for (const page of pages) {
    const { width, height } = page;
    const [cx, cy] = [width / 2, height / 2];
    // pdf-lib turns about the placed origin: place it so the centre stays put.
    const x = cx - (Math.cos(r) * cx - Math.sin(r) * cy);
    const y = cy - (Math.sin(r) * cx + Math.cos(r) * cy);
    out.addPage([width, height]).drawPage(page, { x, y, rotate: degrees(deg) });
  }
  return out.save();
}
