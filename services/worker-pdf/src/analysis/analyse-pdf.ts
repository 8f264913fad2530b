import type { LegendMapping } from '@saeq/plan-analysis/legend-mappings';
import type { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import { extractDocument } from '../extraction/extract-document.ts';
import { type OcrPageReport, readMissingText } from '../ocr/read-missing-text.ts';
import type { OcrEngine } from '../ocr/tesseract-engine.ts';
import { buildAnalysis } from './build-analysis.ts';

export type AnalysePdfOptions = {
  /** Pages extracted at most (PDF_MAX_PAGES); default: all. */
  maxPages?: number;
  /** Pages read by OCR when their text layer is missing (0 = no OCR). */
  ocrMaxPages: number;
  ocrDpi: number;
  /** The OCR engine, asked for only when a page needs it (a document with a text layer never starts one). */
  engine: () => Promise<OcrEngine>;
  /** The organisation's legend wording → type mappings. */
  legendMappings?: readonly LegendMapping[];
  /**
   * Called once extraction has ended, before any OCR, also when extraction failed (its error is
   * then thrown unless this throws first): the analysis thread reports a stream past its cap here.
   */
  afterExtraction?: () => void;
};

export type AnalysedPdf = { pageCount: number; analysis: PlanAnalysis; ocr: OcrPageReport[] };

/**
 * A PDF's analysis as the service makes it: extract (pdfjs) → read by OCR the pages without a
 * text layer → analyse. The one pipeline the analysis thread runs and the accuracy evaluation
 * (`pnpm eval:plans`) measures, so the published numbers are the service's.
 */
export async function analysePdf(data: Uint8Array, opts: AnalysePdfOptions): Promise<AnalysedPdf> {
  const doc = await extractDocument(
    data,
    opts.maxPages === undefined ? {} : { maxPages: opts.maxPages },
  ).catch((err: unknown) => {
    opts.afterExtraction?.();
    throw err;
  });
  opts.afterExtraction?.();
  const read = await readMissingText(data, doc, opts.engine, {
    dpi: opts.ocrDpi,
    maxPages: opts.ocrMaxPages,
  });
  return {
    pageCount: doc.pageCount,
    analysis: buildAnalysis(read.doc, opts.legendMappings),
    ocr: read.reports,
  };
}
