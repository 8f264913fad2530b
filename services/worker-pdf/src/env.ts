import { BaseEnv, parseEnv } from '@saeq/shared/env';
import { z } from 'zod';
import { OCR_DEFAULTS } from './ocr/ocr-defaults.ts';

export const WorkerPdfEnv = BaseEnv.extend({
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9101),
  METRICS_HOST: z.string().default('0.0.0.0'),
  /** Postgres connections of this process: PDF_CONCURRENCY analyses (2) each write their results in one transaction, plus the reconciler and the readiness ping. 4 keeps 3 replicas at 12 of Postgres' 100 (docs/scaling.md). */
  DATABASE_POOL_MAX: z.coerce.number().int().positive().max(200).default(4),
  PDF_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  PDF_JOB_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  PDF_JOB_MAX_MEMORY_MB: z.coerce.number().int().min(64).max(16_384).default(768),
  /**
   * Largest decoded size of one PDF stream (content, image, font); a stream that inflates past it
   * fails the plan with pdf_too_large (decompression bombs). 256 fits any image pdfjs decodes (64 MP at 4 bytes a pixel).
   */
  PDF_MAX_STREAM_MB: z.coerce.number().int().min(16).max(4096).default(256),
  /**
   * RSS ceiling of the worker-pdf process, sampled every 50 ms while plans are analysed: past it one analysis (the one that decoded the most PDF data) is stopped with pdf_too_large.
   * 0 = automatic: RSS when analyses start + PDF_CONCURRENCY × (PDF_JOB_MAX_MEMORY_MB + PDF_MAX_STREAM_MB + 128).
   */
  PDF_MAX_RSS_MB: z.coerce.number().int().min(0).default(0),
  /** Pages that get an annotated preview PNG (rendering costs ~0.3 s a page). */
  PDF_PREVIEW_PAGES: z.coerce.number().int().min(0).max(1000).default(20),
  PDF_MAX_PAGES: z.coerce.number().int().min(1).max(5000).default(300),
  /**
   * Pages of one plan whose words are read by OCR when their text layer is missing (scans, SHX
   * strokes, outlined text); 0 turns OCR off. OCR costs seconds a page (more on large sheets), and
   * counts against PDF_JOB_TIMEOUT_MS.
   */
  PDF_OCR_MAX_PAGES: z.coerce.number().int().min(0).max(1000).default(OCR_DEFAULTS.maxPages),
  /** Rendering resolution for OCR (pages larger than 12 MP are rendered smaller). */
  PDF_OCR_DPI: z.coerce.number().int().min(72).max(600).default(OCR_DEFAULTS.dpi),
  /**
   * Tesseract workers (threads) of each analysis thread, reading one page each at a time. Default:
   * one per core, at most 2 (each holds ~70 MB of models plus ~80 MB while reading a page).
   */
  PDF_OCR_WORKERS: z.coerce.number().int().min(1).max(16).default(OCR_DEFAULTS.workers),
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(30_000),
  /**
   * Grace for running analyses on SIGTERM; default PDF_JOB_TIMEOUT_MS + 10 s, so a deploy lets
   * every running analysis finish (or time out) instead of cutting it and starting it over.
   */
  WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).optional(),
  /** How often each worker reconciles its queues with Postgres: unsettled records without a live job are queued again (or failed); 0 turns it off. */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
});
export type WorkerPdfEnv = z.infer<typeof WorkerPdfEnv>;

export function loadWorkerPdfEnv(source: Record<string, string | undefined> = process.env): WorkerPdfEnv {
  return parseEnv(WorkerPdfEnv, source);
}

/** Recording a finished analysis (stage results, previews) after its budget. */
const RESULT_WRITE_MARGIN_MS = 10_000;

/** How long running analyses get on SIGTERM: the configured grace, or the job budget plus the write margin. */
export function shutdownGraceMs(
  env: Pick<WorkerPdfEnv, 'WORKER_SHUTDOWN_TIMEOUT_MS' | 'PDF_JOB_TIMEOUT_MS'>,
): number {
  return env.WORKER_SHUTDOWN_TIMEOUT_MS ?? env.PDF_JOB_TIMEOUT_MS + RESULT_WRITE_MARGIN_MS;
}
