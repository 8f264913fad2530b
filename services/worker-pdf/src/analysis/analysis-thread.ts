import { parentPort } from 'node:worker_threads';
import { extractDocument } from '../extraction/extract-document.ts';
import { loadPdfjs } from '../extraction/pdfjs.ts';
import { renderPreview } from '../preview/render-preview.ts';
import { buildAnalysis } from './build-analysis.ts';

/**
 * Worker-thread entry. PDF parsing is CPU-bound and handles untrusted input, so it runs off the
 * main thread (BullMQ lock renewal keeps running) under the thread's memory limit. A thread
 * serves jobs one at a time and is reused, so pdfjs loads once per thread, not once per job.
 */
export type AnalysisRequest = { id: number; data: Uint8Array; maxPages: number; previewPages: number };
export type PagePreview = { page: number; png: Uint8Array };
export type AnalysisReply =
  | {
      id: number;
      ok: true;
      pageCount: number;
      analysis: ReturnType<typeof buildAnalysis>;
      previews: PagePreview[];
    }
  | { id: number; ok: false; error: { code: string; message: string } };

// pdfjs error stacks would make Node parse pdfjs's large source maps (~170 MB of heap) under tsx.
process.setSourceMapsEnabled(false);

parentPort?.on('message', async (request: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    const doc = await extractDocument(request.data, { maxPages: request.maxPages });
    const analysis = buildAnalysis(doc);
    const previews: PagePreview[] = [];
    for (const page of analysis.pages.slice(0, request.previewPages)) {
      try {
        const png = await renderPreview(request.data, page.number, page.symbols, { maxWidthPx: 1600 });
        previews.push({ page: page.number, png: new Uint8Array(png) });
      } catch (err) {
        // A page that cannot be drawn has no preview; the analysis itself stands, and says so.
        analysis.warnings.push({
          code: 'preview_failed',
          message: `Aperçu impossible pour cette page : ${err instanceof Error ? err.message : String(err)}`,
          page: page.number,
        });
      }
    }
    reply = { id: request.id, ok: true, pageCount: doc.pageCount, analysis, previews };
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
parentPort?.postMessage({ ready: true });
