import { availableParallelism } from 'node:os';

/**
 * OCR settings of the service unless PDF_OCR_DPI / PDF_OCR_MAX_PAGES / PDF_OCR_WORKERS say
 * otherwise: env.ts takes its defaults from here and `pnpm eval:plans` measures with them, so both
 * read the same pages the same way. 200 dpi puts 8 pt plan text at ~20 px high; 10 pages bound a
 * job's OCR time; Tesseract is single-threaded, so one worker per core (at most 2: each holds
 * ~70 MB of models plus ~80 MB while it reads a page) reads a plan's pages in parallel.
 */
export const OCR_DEFAULTS = {
  dpi: 200,
  maxPages: 10,
  workers: Math.max(1, Math.min(2, availableParallelism())),
} as const;
