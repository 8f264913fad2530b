import type { ExtractedDocument, ExtractedPage, TextItem } from '@saeq/plan-analysis/primitives';
import { textInReadingOrder } from '@saeq/plan-analysis/text-lines';
import { AppError } from '@saeq/shared/errors';
import { GeometryWalker } from './operator-geometry.ts';
import { streamOperatorList } from './operator-stream.ts';
import { loadPdfjs, type Pdfjs, safeDocumentParams } from './pdfjs.ts';

/** The file is not a PDF pdfjs can read (bad structure, truncated, no pages). Not retryable. */
export class PdfUnreadableError extends AppError {
  declare readonly code: 'pdf_unreadable';
  constructor(reason: string, cause?: unknown) {
    super('pdf_unreadable', {
      detail: {
        fr: `Le fichier PDF est illisible : ${reason}`,
        en: `The PDF file cannot be read: ${reason}`,
      },
      cause,
    });
  }
}

/** The PDF is password-protected (an open password is required). Not retryable. */
export class PdfEncryptedError extends AppError {
  declare readonly code: 'pdf_encrypted';
  constructor(cause?: unknown) {
    super('pdf_encrypted', {
      detail: {
        fr: 'Le fichier PDF est protégé par un mot de passe.',
        en: 'The PDF file is password-protected.',
      },
      cause,
    });
  }
}

export type ExtractOptions = {
  /** Extract only the first `maxPages` pages (`pageCount` still reports the total). */
  maxPages?: number;
  /** Largest image (in pixels) pdfjs will decode; larger images are skipped. Default 64 MP. */
  maxImagePixels?: number;
};

type PdfDocument = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

function errorName(err: unknown): string {
  return err !== null && typeof err === 'object' && 'name' in err && typeof err.name === 'string'
    ? err.name
    : '';
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Reads text and vector geometry of every page (up to `maxPages`) with pdfjs-dist.
 *
 * Page space: PDF points, origin bottom-left of the unrotated page box; `/Rotate` is reported in
 * `rotation`, not applied. Annotations (markups, stamps) are not part of the drawing and are
 * left out. pdfjs recovers what it can from damaged content streams; a page whose operators
 * cannot be read at all yields a warning and no geometry.
 *
 * @throws PdfEncryptedError when the PDF needs a password.
 * @throws PdfUnreadableError when the document structure cannot be parsed (not a PDF,
 *   truncated beyond recovery, no pages).
 */
export async function extractDocument(
  data: Uint8Array,
  opts: ExtractOptions = {},
): Promise<ExtractedDocument> {
  const pdfjs = await loadPdfjs();
  const loadingTask = pdfjs.getDocument(
    safeDocumentParams(data, {
      // Text and geometry need no glyph shapes (see safeDocumentParams).
      glyphOutlines: false,
      ...(opts.maxImagePixels === undefined ? {} : { maxImagePixels: opts.maxImagePixels }),
    }),
  );
  let doc: PdfDocument;
  try {
    doc = await loadingTask.promise;
  } catch (err) {
    await loadingTask.destroy().catch(() => undefined);
    if (errorName(err) === 'PasswordException') throw new PdfEncryptedError(err);
    throw new PdfUnreadableError(errorMessage(err), err);
  }
  try {
    const pageCount = doc.numPages;
    if (!Number.isInteger(pageCount) || pageCount < 1) throw new PdfUnreadableError('no pages');
    const limit = Math.min(pageCount, opts.maxPages ?? pageCount);
    const pages: ExtractedPage[] = [];
    const warnings: ExtractedDocument['warnings'] = [];
    // Layers switched off are not printed (see operatorListToGeometry); a document whose
    // optional-content dictionary cannot be read is taken with every layer on.
    const layers = await doc.getOptionalContentConfig().catch(() => null);
    const isVisible = (group: unknown) =>
      layers === null || layers.isVisible(group as Parameters<typeof layers.isVisible>[0]);
    for (let n = 1; n <= limit; n++) {
      let page: PdfPage;
      try {
        page = await doc.getPage(n);
      } catch (err) {
        // The page tree itself is broken: the document is not usable as a plan set.
        throw new PdfUnreadableError(`page ${n}: ${errorMessage(err)}`, err);
      }
      try {
        pages.push(await extractPage(pdfjs, page, n, warnings, isVisible));
      } finally {
        page.cleanup();
      }
    }
    return { pageCount, pages, warnings };
  } finally {
    await doc.destroy();
  }
}

async function extractPage(
  pdfjs: Pdfjs,
  page: PdfPage,
  number: number,
  warnings: ExtractedDocument['warnings'],
  isVisible: (group: unknown) => boolean,
): Promise<ExtractedPage> {
  const [vx0, vy0, vx1, vy1] = page.view;
  const origin = { x: Math.min(vx0 ?? 0, vx1 ?? 0), y: Math.min(vy0 ?? 0, vy1 ?? 0) };
  const widthPt = Math.abs((vx1 ?? 0) - (vx0 ?? 0));
  const heightPt = Math.abs((vy1 ?? 0) - (vy0 ?? 0));

  let textItems: TextItem[] = [];
  try {
    const content = await page.getTextContent({ includeMarkedContent: false });
    textItems = content.items.flatMap((item): TextItem[] => {
      if (!('str' in item) || item.str.length === 0) return [];
      const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform as number[];
      const fontSize = Math.hypot(c, d);
      return [
        {
          str: item.str,
          x: e - origin.x,
          y: f - origin.y,
          width: item.width,
          height: item.height,
          fontSize,
          angle: (Math.atan2(b, a) * 180) / Math.PI,
          fontName: item.fontName,
        },
      ];
    });
  } catch (err) {
    warnings.push({ code: 'text_unreadable', message: errorMessage(err), page: number });
  }

  let geometry: Pick<GeometryWalker, 'paths' | 'images'> = { paths: [], images: [] };
  try {
    const walker = new GeometryWalker(pdfjs.OPS, origin, isVisible);
    await streamOperatorList(page, pdfjs.AnnotationMode.DISABLE, (chunk) => walker.add(chunk));
    geometry = walker;
  } catch (err) {
    warnings.push({ code: 'graphics_unreadable', message: errorMessage(err), page: number });
  }

  return {
    number,
    widthPt,
    heightPt,
    rotation: ((page.rotate % 360) + 360) % 360,
    text: textInReadingOrder(textItems),
    textItems,
    paths: geometry.paths,
    images: geometry.images,
  };
}
