import { createCanvas } from '@napi-rs/canvas';
import { fontSizeOfWordBox, ocrNeed, wantsUpwardReading, withOcrWords } from '@saeq/plan-analysis/ocr-text';
import type { ExtractedDocument, TextItem } from '@saeq/plan-analysis/primitives';
import { loadPdfjs, safeDocumentParams } from '../extraction/pdfjs.ts';
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
 * it (`getEngine`), so a document with a text layer never starts one. A page whose words hold a
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
  try {
    const engine = await getEngine();
    for (const target of targets) {
      const started = Date.now();
      const page = await pdf.getPage(target.number);
      const unit = page.getViewport({ scale: 1 });
      let scale = (opts.dpi ?? OCR_DEFAULTS.dpi) / 72;
      const maxPixels = opts.maxPixels ?? 12_000_000;
      const pixels = unit.width * unit.height * scale * scale;
      if (pixels > maxPixels) scale *= Math.sqrt(maxPixels / pixels);
      const [vx0 = 0, vy0 = 0] = page.view;
      /** The page rendered (turned `turn` degrees clockwise) and read: words in page space. */
      const read = async (turn: number): Promise<TextItem[]> => {
        const viewport = page.getViewport({ scale, rotation: (page.rotate + turn) % 360 });
        const canvas = createCanvas(
          Math.max(1, Math.round(viewport.width)),
          Math.max(1, Math.round(viewport.height)),
        );
        try {
          const ctx = canvas.getContext('2d');
          // Tesseract reads dark text on white; PDF pages are transparent where nothing is drawn.
          ctx.fillStyle = '#ffffff';
          ctx.fillRect(0, 0, canvas.width, canvas.height);
          await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
          const words = await engine.recognize(await canvas.encode('png'));
          const toPage = (px: number, py: number): [number, number] => {
            const [x, y] = viewport.convertToPdfPoint(px, py) as [number, number];
            return [x - vx0, y - vy0];
          };
          return words.map((w) => wordToTextItem(w, toPage));
        } finally {
          canvas.width = 1;
          canvas.height = 1;
        }
      };
      try {
        const items = await read(0);
        let merged = withOcrWords(target, items);
        // Board tables printed transposed write their descriptions upwards: read the page turned a
        // quarter turn clockwise too, keeping only the words that run up the page.
        if (wantsUpwardReading(items)) {
          const upward = (await read(90)).filter((w) => Math.abs(w.angle - 90) < 5);
          const again = withOcrWords(merged.page, upward);
          merged = { page: again.page, added: [...merged.added, ...again.added] };
        }
        const index = pages.findIndex((p) => p.number === target.number);
        pages[index] = merged.page;
        reports.push({ page: target.number, words: merged.added.length, ms: Date.now() - started });
      } finally {
        page.cleanup();
      }
    }
  } finally {
    await pdf.destroy();
  }
  return { doc: { ...doc, pages }, reports };
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
