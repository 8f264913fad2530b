import { type Catalog, defaultCatalog } from '@saeq/bom';
import { catalogs, type Db, organisations } from '@saeq/shared/db';
import { and, desc, eq } from 'drizzle-orm';

export type PricingContext = { catalog: Catalog; catalogId: string | null; labourRateCents: number };

/**
 * The prices a BOM uses: the requested catalogue, else the organisation's default one, else the
 * indicative default catalogue; the labour rate from the request, the organisation, or the env.
 */
export async function pricingFor(
  db: Db,
  organisationId: string,
  opts: {
    catalogId?: string | undefined;
    labourRateCents?: number | undefined;
    defaultLabourRateCents: number;
  },
): Promise<PricingContext> {
  const where = opts.catalogId
    ? and(eq(catalogs.organisationId, organisationId), eq(catalogs.id, opts.catalogId))
    : and(eq(catalogs.organisationId, organisationId), eq(catalogs.isDefault, true));
  const rows = await db.select().from(catalogs).where(where).orderBy(desc(catalogs.createdAt)).limit(1);
  const row = rows[0];
  const catalog: Catalog = row
    ? {
        priceDate: row.priceDate ?? row.createdAt.toISOString().slice(0, 7),
        source: row.source || row.name,
        currency: 'CAD',
        indicative: false,
        items: row.items as Catalog['items'],
      }
    : defaultCatalog;
  let labourRateCents = opts.labourRateCents;
  if (labourRateCents === undefined) {
    const org = await db
      .select({ settings: organisations.settings })
      .from(organisations)
      .where(eq(organisations.id, organisationId));
    labourRateCents = org[0]?.settings.labourRateCents ?? opts.defaultLabourRateCents;
  }
  return { catalog, catalogId: row?.id ?? null, labourRateCents };
}
