import { normalizeLegendLabel } from '@saeq/plan-analysis/legend-mappings';
import type { DeviceType } from '@saeq/shared/contracts/plan-analysis';
import { type Db, type LegendMappingRow, legendMappings } from '@saeq/shared/db';
import { AppError } from '@saeq/shared/errors';
import { and, asc, eq } from 'drizzle-orm';

/** A mapping as the API shows it. */
export function legendMappingView(row: LegendMappingRow) {
  return {
    id: row.id,
    label: row.label,
    normalizedLabel: row.normalizedLabel,
    type: row.type,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listLegendMappings(db: Db, organisationId: string): Promise<LegendMappingRow[]> {
  return db
    .select()
    .from(legendMappings)
    .where(eq(legendMappings.organisationId, organisationId))
    .orderBy(asc(legendMappings.normalizedLabel));
}

/**
 * Maps a legend wording to a type for the organisation: one mapping per normalised wording, so
 * sending the same wording again (in any case or accents) changes its type. A wording that
 * normalises to nothing is refused (400).
 */
export async function putLegendMapping(
  db: Db,
  organisationId: string,
  input: { label: string; type: DeviceType },
  now: Date,
): Promise<{ row: LegendMappingRow; created: boolean }> {
  const normalizedLabel = normalizeLegendLabel(input.label);
  if (normalizedLabel === '') {
    throw new AppError('validation_failed', {
      errors: [
        {
          path: 'label',
          message: { fr: 'le libellé ne contient aucun mot', en: 'the label holds no word' },
        },
      ],
    });
  }
  const label = input.label.trim();
  const [row] = await db
    .insert(legendMappings)
    .values({ organisationId, label, normalizedLabel, type: input.type, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [legendMappings.organisationId, legendMappings.normalizedLabel],
      set: { label, type: input.type, updatedAt: now },
    })
    .returning();
  if (!row) throw new Error('legend mapping upsert returned nothing');
  return { row, created: row.createdAt.getTime() === row.updatedAt.getTime() };
}

/** Deletes the organisation's mapping; another organisation's id is a 404 like an unknown one. */
export async function deleteLegendMapping(db: Db, organisationId: string, id: string): Promise<void> {
  const rows = await db
    .delete(legendMappings)
    .where(and(eq(legendMappings.id, id), eq(legendMappings.organisationId, organisationId)))
    .returning({ id: legendMappings.id });
  if (rows.length === 0) throw new AppError('not_found');
}
