import { BomItem } from '@saeq/bom';
import { type BomRow, boms, catalogs, type Db } from '@saeq/shared/db';
import { AppError } from '@saeq/shared/errors';
import { enqueue, queues } from '@saeq/shared/queues';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { GatewayDeps } from '../deps.ts';

export const BomRequest = z.strictObject({
  items: z.array(BomItem).min(1).max(10_000),
  catalogId: z.uuid().optional(),
  /** CAD per hour, e.g. 95.5. */
  labourRate: z.number().nonnegative().max(1000).optional(),
  callbackUrl: z.url({ protocol: /^https?$/ }).optional(),
});
export type BomRequest = z.infer<typeof BomRequest>;

export async function submitBom(
  deps: GatewayDeps,
  organisationId: string,
  request: BomRequest,
  requestId: string,
): Promise<BomRow> {
  const db = deps.db.db;
  if (request.catalogId) {
    const owned = await db
      .select({ id: catalogs.id })
      .from(catalogs)
      .where(and(eq(catalogs.id, request.catalogId), eq(catalogs.organisationId, organisationId)));
    if (owned.length === 0)
      throw new AppError('not_found', {
        detail: { fr: 'Catalogue introuvable.', en: 'Catalogue not found.' },
      });
  }
  const stored = {
    items: request.items,
    ...(request.catalogId ? { catalogId: request.catalogId } : {}),
    ...(request.labourRate !== undefined ? { labourRateCents: Math.round(request.labourRate * 100) } : {}),
  };
  const [row] = await db
    .insert(boms)
    .values({ organisationId, request: stored, callbackUrl: request.callbackUrl ?? null })
    .returning();
  if (!row) throw new Error('bom insert returned nothing');
  try {
    await enqueue(
      deps.queues.bomBuild,
      queues.bomBuild,
      { bomId: row.id, organisationId, requestId },
      { jobId: row.id },
    );
  } catch (err) {
    await db
      .delete(boms)
      .where(eq(boms.id, row.id))
      .catch(() => {});
    throw new AppError('dependency_unavailable', { headers: { 'Retry-After': '5' }, cause: err });
  }
  return row;
}

export async function findBom(db: Db, organisationId: string, id: string): Promise<BomRow> {
  const rows = await db
    .select()
    .from(boms)
    .where(and(eq(boms.id, id), eq(boms.organisationId, organisationId)));
  if (!rows[0]) throw new AppError('not_found');
  return rows[0];
}
