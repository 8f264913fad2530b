import { createCanvas } from '@napi-rs/canvas';
import { fontSizeOfWordBox, ocrNeed, wantsUpwardReading, withOcrWords } from '@saeq/plan-analysis/ocr-text';
import type { ExtractedDocument, TextItem } from '@saeq/plan-analysis/primitives';
import { loadPdfjs, type Pdfjs, safeDocumentParams } from '../extraction/pdfjs.ts';
import { grayPnm } from './gray-image.ts';
import { OCR_DEFAULTS } from './ocr-defaults.ts';
import type { OcrEngine, OcrWord } from './tesseract-engine.ts';

export type OcrOptions = {
  /** Rendering resolution for OCR. Default OCR_DEFAULTS.dpi. */
  dpi?: number;
  /** Largest rendered page, in pixels (an A1 sheet at 200 dpi is 31 MP): the dpi drops to fit. */
  maxPixels?: number;
  /** Pages read at most (the first ones that need it); 0 turns OCR off. Default: all. */
  maxPages?: number;
};

/** What OCR did on one page. */
export type OcrPageReport = { page: number; words: number; ms: number };

/**
 * Reads by OCR the words of the pages whose text layer is missing (`ocrNeed`: scans, SHX strokes,
 * outlined text) and adds them to those pages' text items, marked `source: 'ocr'` with their
 * confidence, in page space (the page's /Rotate and box origin undone). Other pages are returned
 * untouched and nothing is rendered for them. The engine is created on the first page that needs
 * it (`getEngine`), so a document with a text layer never starts one. Pages are read in parallel
 * up to the engine's `concurrency`; `reports` are in page order. A page whose words hold a
 * transposed distribution-board table with a description row is read a second time turned a
 * quarter turn (its descriptions are often written upwards); other pages are read once.
 */
export async function readMissingText(
  data: Uint8Array,
  doc: ExtractedDocument,
  getEngine: () => Promise<OcrEngine>,
  opts: OcrOptions = {},
): Promise<{ doc: ExtractedDocument; reports: OcrPageReport[] }> {
  const targets = doc.pages
    .filter((p) => ocrNeed(p) !== null)
    .slice(0, opts.maxPages ?? Number.POSITIVE_INFINITY);
  if (targets.length === 0) return { doc, reports: [] };
  const pdfjs = await loadPdfjs();
  const pdf = await pdfjs.getDocument(safeDocumentParams(data)).promise;
  const reports: OcrPageReport[] = [];
  const pages = [...doc.pages];
  const reading = new Set<Promise<void>>();
  try {
    const engine = await getEngine();
    // Pages are drawn one at a time here while the engine reads up to `concurrency` of them on
    // its own threads: drawing page n + 1 overlaps reading page n. At most concurrency + 1
    // rendered pages are held at once (a 12 MP grey image is 12 MB).
    for (const target of targets) {
      while (reading.size >= engine.concurrency) await Promise.race(reading);
      const started = Date.now();
      const rendered = await renderForOcr(pdf, target.number, opts);
      const read: Promise<void> = engine
        .recognize(rendered.image)
        .then(async (words) => {
          const items = words.map((w) => wordToTextItem(w, rendered.toPage));
          let merged = withOcrWords(target, items);
          // Board tables printed transposed write their descriptions upwards: read the page turned
          // a quarter turn clockwise too, keeping only the words that run up the page.
          if (wantsUpwardReading(items)) {
            const turned = await renderForOcr(pdf, target.number, opts, 90);
            const upward = (await engine.recognize(turned.image))
              .map((w) => wordToTextItem(w, turned.toPage))
              .filter((w) => Math.abs(w.angle - 90) < 5);
            const again = withOcrWords(merged.page, upward);
            merged = { page: again.page, added: [...merged.added, ...again.added] };
          }
          const index = pages.findIndex((p) => p.number === target.number);
          pages[index] = merged.page;
          reports.push({ page: target.number, words: merged.added.length, ms: Date.now() - started });
        })
        .finally(() => reading.delete(read));
      // Seen by the race or the Promise.all below; this keeps a failure meanwhile from counting as
      // an unhandled rejection (which would end the thread).
      read.catch(() => {});
      reading.add(read);
    }
    await Promise.all(reading);
  } finally {
    // A failed page fails the job; the pages still being read finish before the document closes.
    await Promise.allSettled(reading);
    await pdf.destroy();
  }
  reports.sort((a, b) => a.page - b.page);
  return { doc: { ...doc, pages }, reports };
}

type PdfjsDocument = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;

/**
 * One page drawn for OCR at the asked dpi (lower when it would pass `maxPixels`), turned `turn`
 * degrees clockwise, as a grey PNM image, with the map from image pixels to page space (the
 * turn, the page's /Rotate and its box origin undone).
 */
async function renderForOcr(
  pdf: PdfjsDocument,
  pageNumber: number,
  opts: OcrOptions,
  turn = 0,
): Promise<{ image: Buffer; toPage: (px: number, py: number) => [number, number] }> {
  const page = await pdf.getPage(pageNumber);
  const unit = page.getViewport({ scale: 1 });
  let scale = (opts.dpi ?? OCR_DEFAULTS.dpi) / 72;
  const maxPixels = opts.maxPixels ?? 12_000_000;
  const pixels = unit.width * unit.height * scale * scale;
  if (pixels > maxPixels) scale *= Math.sqrt(maxPixels / pixels);
  const viewport = page.getViewport({ scale, rotation: (page.rotate + turn) % 360 });
  const width = Math.max(1, Math.round(viewport.width));
  const height = Math.max(1, Math.round(viewport.height));
  const canvas = createCanvas(width, height);
  try {
    const ctx = canvas.getContext('2d');
    // Tesseract reads dark text on white; PDF pages are transparent where nothing is drawn.
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
    const image = grayPnm(ctx.getImageData(0, 0, width, height).data, width, height);
    const [vx0 = 0, vy0 = 0] = page.view;
    const toPage = (px: number, py: number): [number, number] => {
      const [x, y] = viewport.convertToPdfPoint(px, py) as [number, number];
      return [x - vx0, y - vy0];
    };
    return { image, toPage };
  } finally {
    canvas.width = 1;
    canvas.height = 1;
    page.cleanup();
  }
}

/** A word's box in pixels → a text run in page space: baseline along the box's bottom edge. */
function wordToTextItem(w: OcrWord, toPage: (px: number, py: number) => [number, number]): TextItem {
  const [bx0, by0] = toPage(w.x0, w.y1);
  const [bx1, by1] = toPage(w.x1, w.y1);
  const [tx, ty] = toPage(w.x0, w.y0);
  const width = Math.hypot(bx1 - bx0, by1 - by0);
  const height = Math.hypot(tx - bx0, ty - by0);
  const angle = (Math.atan2(by1 - by0, bx1 - bx0) * 180) / Math.PI;
  // The box bottom is the descender line; the baseline sits ~0.2 h above it (see textItemBBox).
  const lift = 0.2 * height;
  const rad = (angle * Math.PI) / 180;
  return {
    str: w.text,
    x: bx0 - lift * Math.sin(rad),
    y: by0 + lift * Math.cos(rad),
    width,
    height,
    fontSize: fontSizeOfWordBox(w.text, height),
    angle,
    fontName: 'ocr',
    source: 'ocr',
    confidence: w.confidence,
  };
}
