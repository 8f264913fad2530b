import { parentPort, workerData } from 'node:worker_threads';
import type { LegendMapping } from '@saeq/plan-analysis/legend-mappings';
import { loadPdfjs } from '../extraction/pdfjs.ts';
import { createTesseractEngine, type OcrEngine } from '../ocr/tesseract-engine.ts';
import { type PreviewResult, renderPreviews } from '../preview/render-preview.ts';
import { type AnalysedPdf, analysePdf } from './analyse-pdf.ts';
import { assertStreamCapLoaded, installStreamGuard } from './pdfjs-stream-cap.ts';

/**
 * Worker-thread entry. PDF parsing is CPU-bound and handles untrusted input, so it runs off the
 * main thread (BullMQ lock renewal keeps running) under the thread's memory limit. A thread
 * serves jobs one at a time and is reused, so pdfjs loads once per thread, not once per job.
 */
export type AnalysisRequest = {
  id: number;
  data: Uint8Array;
  maxPages: number;
  previewPages: number;
  /** Pages read by OCR when their text layer is missing (0 = no OCR). */
  ocrMaxPages: number;
  ocrDpi: number;
  /** Tesseract workers of the thread's OCR engine (fixed by the first job that needs OCR). */
  ocrWorkers: number;
  /** Largest decoded size of one PDF stream; past it the job fails with pdf_too_large. */
  maxStreamBytes: number;
  /** The organisation's legend wording → type mappings. */
  legendMappings: LegendMapping[];
};
/** What the pool hands each thread. */
export type AnalysisThreadData = {
  /** From source only: URL of this module, imported by thread-bootstrap.mjs once tsx is registered. */
  entry: string | null;
  /** One Int32: KiB of decoded streams in the current job, read by the pool's memory watchdog. */
  usage: SharedArrayBuffer;
};
export type PagePreview = { page: number; png: Uint8Array };
export type AnalysisReply =
  | {
      id: number;
      ok: true;
      pageCount: number;
      analysis: AnalysedPdf['analysis'];
      previews: PagePreview[];
    }
  | { id: number; ok: false; error: { code: string; message: string } };

// tsx (from source) and --enable-source-maps (compiled, inherited from the process) enable source
// maps: pdfjs error stacks would then make Node parse pdfjs's large source maps (~170 MB of heap).
process.setSourceMapsEnabled(false);

const { usage } = workerData as AnalysisThreadData;

let engine: Promise<OcrEngine> | undefined;
/** One OCR engine per thread, started by the first page that needs it and kept for later jobs. */
function ocrEngine(workers: number): Promise<OcrEngine> {
  engine ??= createTesseractEngine({ workers }).catch((err: unknown) => {
    engine = undefined;
    throw err;
  });
  return engine;
}
// pdfjs's parser calls this guard (pdfjs-stream-cap.ts; patched in at install, patches/).
const streamGuard = installStreamGuard(new Int32Array(usage));

/** A stream past the cap fails the whole job, whatever pdfjs made of the error meanwhile. */
function throwIfStreamCapExceeded(): void {
  const exceeded = streamGuard.exceeded;
  if (exceeded) throw exceeded;
}

parentPort?.on('message', async (request: AnalysisRequest) => {
  let reply: AnalysisReply;
  streamGuard.begin(request.maxStreamBytes);
  try {
    // Extraction → OCR of the pages without a text layer → analysis: the pipeline the evaluation measures.
    const { pageCount, analysis } = await analysePdf(request.data, {
      maxPages: request.maxPages,
      ocrMaxPages: request.ocrMaxPages,
      ocrDpi: request.ocrDpi,
      engine: () => ocrEngine(request.ocrWorkers),
      legendMappings: request.legendMappings,
      // A stream cut at the cap can make pdfjs give up on the document: report the cause.
      afterExtraction: throwIfStreamCapExceeded,
    });
    const previewPages = analysis.pages.slice(0, request.previewPages);
    // One parse of the file for every preview (not one per page).
    const rendered: PreviewResult[] = await renderPreviews(request.data, previewPages, {
      maxWidthPx: 1600,
    }).catch((err: unknown) => previewPages.map((page) => ({ page: page.number, error: err as Error })));
    const previews: PagePreview[] = [];
    for (const result of rendered) {
      if ('png' in result) {
        previews.push({ page: result.page, png: new Uint8Array(result.png) });
        continue;
      }
      // A page that cannot be drawn has no preview; the analysis itself stands, and says so.
      const reason = result.error instanceof Error ? result.error.message : String(result.error);
      analysis.warnings.push({
        code: 'preview_failed',
        message: `Aperçu impossible pour cette page : ${reason}`,
        page: result.page,
      });
    }
    throwIfStreamCapExceeded();
    reply = { id: request.id, ok: true, pageCount, analysis, previews };
  } catch (err) {
    const code =
      err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : 'internal';
    reply = {
      id: request.id,
      ok: false,
      error: { code, message: err instanceof Error ? err.message : String(err) },
    };
  }
  parentPort?.postMessage(reply);
});
// Load pdfjs before declaring readiness: jobs' time limits then measure analysis alone.
await loadPdfjs();
assertStreamCapLoaded();
parentPort?.postMessage({ ready: true });
