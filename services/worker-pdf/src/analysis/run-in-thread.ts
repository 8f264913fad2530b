import { Worker } from 'node:worker_threads';
import type { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import { PermanentJobError } from '@saeq/shared/worker-runtime';

export type ThreadLimits = { timeoutMs: number; maxMemoryMb: number; maxPages: number };

const threadBootstrap = new URL('./thread-bootstrap.mjs', import.meta.url);
const threadEntry = new URL('./analysis-thread.ts', import.meta.url).href;

/** Codes the thread reports that retrying cannot fix. */
const permanentCodes = new Set(['pdf_unreadable', 'pdf_encrypted', 'pdf_too_large']);

/**
 * Analyses one PDF in a fresh worker thread with a time and memory limit. A hostile PDF fails its
 * job (PermanentJobError), never the worker process.
 */
export function analyseInThread(
  data: Uint8Array,
  limits: ThreadLimits,
): Promise<{ pageCount: number; analysis: PlanAnalysis }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(threadBootstrap, {
      workerData: { entry: threadEntry, data, maxPages: limits.maxPages },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMb, maxYoungGenerationSizeMb: 64 },
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      finish(() => reject(new PermanentJobError('pdf_timeout', `analysis exceeded ${limits.timeoutMs} ms`)));
    }, limits.timeoutMs);
    worker.once(
      'message',
      (
        msg:
          | { ok: true; pageCount: number; analysis: PlanAnalysis }
          | { ok: false; error: { code: string; message: string } },
      ) => {
        if (msg.ok) finish(() => resolve({ pageCount: msg.pageCount, analysis: msg.analysis }));
        else if (permanentCodes.has(msg.error.code))
          finish(() => reject(new PermanentJobError(msg.error.code, msg.error.message)));
        else finish(() => reject(new Error(`${msg.error.code}: ${msg.error.message}`)));
      },
    );
    worker.once('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish(() =>
          reject(new PermanentJobError('pdf_too_large', `analysis exceeded ${limits.maxMemoryMb} MB`)),
        );
      } else {
        finish(() => reject(err));
      }
    });
    worker.once('exit', (code) => {
      finish(() => reject(new Error(`analysis thread exited with code ${code} before answering`)));
    });
  });
}
