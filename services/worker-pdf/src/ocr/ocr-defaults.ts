/**
 * OCR settings of the service unless PDF_OCR_DPI / PDF_OCR_MAX_PAGES say otherwise: env.ts takes
 * its defaults from here and `pnpm eval:plans` measures with them, so both read the same pages.
 * 200 dpi puts 8 pt plan text at ~20 px high; 10 pages bound a job's OCR time.
 */
export const OCR_DEFAULTS = { dpi: 200, maxPages: 10 } as const;
