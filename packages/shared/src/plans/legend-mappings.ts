import { asc, eq } from 'drizzle-orm';
import type { DeviceType } from '../contracts/plan-analysis.ts';
import type { Db } from '../db/client.ts';
import { legendMappings } from '../db/schema/legend-mappings.ts';

/** The organisation's legend wording → type mappings, as the analyser takes them (oldest first). */
export async function legendMappingsOf(
  db: Db,
  organisationId: string,
): Promise<{ label: string; type: DeviceType }[]> {
  return db
    .select({ label: legendMappings.label, type: legendMappings.type })
    .from(legendMappings)
    .where(eq(legendMappings.organisationId, organisationId))
    .orderBy(asc(legendMappings.createdAt), asc(legendMappings.id));
}
