import type { BomExportFormat, StoredBom } from '@saeq/shared/contracts/stored-results';
import { isStoredByLang } from '@saeq/shared/contracts/stored-results';
import { AppError } from '@saeq/shared/errors';
import type { Lang } from '@saeq/shared/i18n';
import type { BlobStore } from '@saeq/shared/storage';
import { z } from 'zod';

/** Results computed in both languages are stored by language: answer in the request's. */
export function inLang(result: unknown, lang: Lang): Record<string, unknown> {
  if (isStoredByLang(result)) return result.byLang[lang] as Record<string, unknown>;
  return result as Record<string, unknown>;
}

export const BomFormatQuery = z.strictObject({
  /** `pdf`: the "Soumission" / "Estimate" rendered on request (see bom-estimate.ts). */
  format: z.enum(['json', 'csv', 'xlsx', 'pdf']).default('json'),
  separator: z.enum(['comma', 'semicolon', ',', ';']).optional(),
});
export type BomFormatQuery = z.infer<typeof BomFormatQuery>;

/**
 * A rendered BOM export: XLSX, or CSV with `;` and decimal comma (default in French, what
 * Excel in a Québec locale expects) or `,` (default in English).
 */
export async function bomExport(
  stored: StoredBom,
  query: BomFormatQuery,
  lang: Lang,
  store: BlobStore,
  baseName: string,
): Promise<{ body: Uint8Array; contentType: string; filename: string }> {
  if (query.format === 'pdf' || query.format === 'json')
    throw new Error(`bomExport: ${query.format} is not stored`);
  let format: BomExportFormat = 'xlsx';
  if (query.format === 'csv') {
    const semicolon = query.separator
      ? query.separator === 'semicolon' || query.separator === ';'
      : lang === 'fr';
    format = semicolon ? 'csv-semicolon' : 'csv-comma';
  }
  const sha = stored.exports?.[lang]?.[format];
  if (!sha)
    throw new AppError('not_found', { detail: { fr: 'Export introuvable.', en: 'Export not found.' } });
  const body = await store.get(sha);
  const safeBase = baseName.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'bom';
  return query.format === 'xlsx'
    ? {
        body,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        filename: `${safeBase}.xlsx`,
      }
    : { body, contentType: 'text/csv; charset=utf-8', filename: `${safeBase}.csv` };
}
