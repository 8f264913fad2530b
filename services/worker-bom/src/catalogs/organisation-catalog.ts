import { type Catalog, catalogForPricing } from '@saeq/bom';
import { findPricingSource } from '@saeq/shared/catalogs';
import type { Db } from '@saeq/shared/db';

export type PricingContext = { catalog: Catalog; catalogId: string | null; labourRateCents: number };

/** The prices a BOM uses (rule in `findPricingSource`), as a catalogue ready for `buildBom`. */
export async function pricingFor(
  db: Db,
  organisationId: string,
  opts: {
    catalogId?: string | undefined;
    labourRateCents?: number | undefined;
    defaultLabourRateCents: number;
  },
): Promise<PricingContext> {
  const source = await findPricingSource(db, organisationId, opts);
  return {
    catalog: catalogForPricing(source.catalog),
    catalogId: source.catalog?.id ?? null,
    labourRateCents: source.labourRateCents,
  };
}
