import { parentPort, workerData } from 'node:worker_threads';
import { extractDocument } from '../extraction/extract-document.ts';
import { buildAnalysis } from './build-analysis.ts';

/**
 * Worker-thread entry: PDF parsing is CPU-bound and handles untrusted input, so it runs off the
 * main thread (BullMQ lock renewal keeps running) under the thread's memory limit.
 */
type Input = { data: Uint8Array; maxPages: number };

const input = workerData as Input;
try {
  const doc = await extractDocument(input.data, { maxPages: input.maxPages });
  const analysis = buildAnalysis(doc);
  parentPort?.postMessage({ ok: true, pageCount: doc.pageCount, analysis });
} catch (err) {
  const code =
    err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : 'internal';
  const message = err instanceof Error ? err.message : String(err);
  parentPort?.postMessage({ ok: false, error: { code, message } });
}
