import { BaseEnv, parseEnv } from '@saeq/shared/env';
import { z } from 'zod';

export const WorkerPdfEnv = BaseEnv.extend({
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9101),
  METRICS_HOST: z.string().default('0.0.0.0'),
  PDF_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  PDF_JOB_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  PDF_JOB_MAX_MEMORY_MB: z.coerce.number().int().min(64).max(16_384).default(768),
  /** Pages that get an annotated preview PNG (rendering costs ~0.3 s a page). */
  PDF_PREVIEW_PAGES: z.coerce.number().int().min(0).max(1000).default(20),
  PDF_MAX_PAGES: z.coerce.number().int().min(1).max(5000).default(300),
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Grace for running jobs on SIGTERM; with cleanup the process exits within 30 s. */
  WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(25_000),
});
export type WorkerPdfEnv = z.infer<typeof WorkerPdfEnv>;

export function loadWorkerPdfEnv(source: Record<string, string | undefined> = process.env): WorkerPdfEnv {
  return parseEnv(WorkerPdfEnv, source);
}
