import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { catalogs, organisations } from '../db/index.ts';

/** An organisation's imported catalogue as stored (items are validated when imported). */
export type StoredCatalog = {
  id: string;
  name: string;
  source: string;
  /** `YYYY-MM` of the prices; the import month when the file gave none. */
  priceDate: string;
  items: unknown;
};

export type PricingSource = {
  /** The catalogue to price with, or null for SAEQ's indicative default catalogue. */
  catalog: StoredCatalog | null;
  labourRateCents: number;
};

/**
 * Where a BOM's prices come from, one rule for every service (worker-bom's BOMs and the agents'
 * BOM tools): the requested catalogue, else the organisation's default one, else none (the
 * caller uses the indicative catalogue); the labour rate from the request, else the
 * organisation's settings, else the configured default. Only the organisation's own catalogues
 * are visible: a requested id that is not one of them returns `null` for `catalog` with
 * `requestedMissing: true`, and the caller answers "not found".
 */
export async function findPricingSource(
  db: Db,
  organisationId: string,
  opts: {
    catalogId?: string | undefined;
    labourRateCents?: number | undefined;
    defaultLabourRateCents: number;
  },
): Promise<PricingSource & { requestedMissing: boolean }> {
  const where = opts.catalogId
    ? and(eq(catalogs.organisationId, organisationId), eq(catalogs.id, opts.catalogId))
    : and(eq(catalogs.organisationId, organisationId), eq(catalogs.isDefault, true));
  const rows = await db.select().from(catalogs).where(where).orderBy(desc(catalogs.createdAt)).limit(1);
  const row = rows[0];
  let labourRateCents = opts.labourRateCents;
  if (labourRateCents === undefined) {
    const org = await db
      .select({ settings: organisations.settings })
      .from(organisations)
      .where(eq(organisations.id, organisationId));
    labourRateCents = org[0]?.settings.labourRateCents ?? opts.defaultLabourRateCents;
  }
  return {
    catalog: row
      ? {
          id: row.id,
          name: row.name,
          source: row.source || row.name,
          priceDate: row.priceDate ?? row.createdAt.toISOString().slice(0, 7),
          items: row.items,
        }
      : null,
    labourRateCents,
    requestedMissing: Boolean(opts.catalogId) && !row,
  };
}
