/**
 * How post-analysis results are stored (stage_results.result, boms.result): computed once by the
 * worker in both languages, with exports already rendered as blobs, so the gateway only picks
 * and serves (it stays thin).
 */
import type { Lang } from '../i18n/index.ts';
import type { PlanAnalysis } from './plan-analysis.ts';

export type BomExportFormat = 'xlsx' | 'csv-comma' | 'csv-semicolon';

export type StoredBom<B = unknown> = {
  kind: 'bom';
  byLang: Record<Lang, B>;
  /** sha256 of each rendered export in the blob store. */
  exports: Record<Lang, Record<BomExportFormat, string>>;
};

export type StoredCompliance<R = unknown> = {
  kind: 'compliance';
  byLang: Record<Lang, R>;
};

export function isStoredByLang(value: unknown): value is { byLang: Record<Lang, unknown> } {
  return typeof value === 'object' && value !== null && 'byLang' in value;
}

/** The stored analysis: the API document plus where each page's annotated preview PNG is (sha256 by page number). */
export type StoredAnalysis = PlanAnalysis & { previews: Record<string, string> };
