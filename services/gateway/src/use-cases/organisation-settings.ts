import {
  type Db,
  OrganisationRateLimitName,
  OrganisationSettings,
  organisations,
  RateLimitOverride,
} from '@saeq/shared/db';
import { AppError } from '@saeq/shared/errors';
import { eq } from 'drizzle-orm';
import { z } from 'zod';

const RateLimitPatch = z.strictObject({
  general: RateLimitOverride.nullable().optional(),
  reads: RateLimitOverride.nullable().optional(),
  agentRuns: RateLimitOverride.nullable().optional(),
  uploads: RateLimitOverride.nullable().optional(),
});

/**
 * A change of the organisation's settings, merge-patch style: a field absent is unchanged, a
 * field `null` returns to the platform default, a value replaces the current one.
 */
export const OrganisationSettingsPatch = z.strictObject({
  labourRateCents: OrganisationSettings.shape.labourRateCents.unwrap().nullable().optional(),
  rateLimits: RateLimitPatch.optional(),
});
export type OrganisationSettingsPatch = z.infer<typeof OrganisationSettingsPatch>;

/** The settings after `patch` (pure: the current settings in, the new ones out). */
export function applySettingsPatch(
  current: OrganisationSettings,
  patch: OrganisationSettingsPatch,
): OrganisationSettings {
  const next: OrganisationSettings = { ...current };
  if (patch.labourRateCents === null) delete next.labourRateCents;
  else if (patch.labourRateCents !== undefined) next.labourRateCents = patch.labourRateCents;
  if (patch.rateLimits) {
    const limits = { ...(current.rateLimits ?? {}) };
    for (const name of OrganisationRateLimitName.options) {
      const value = patch.rateLimits[name];
      if (value === null) delete limits[name];
      else if (value !== undefined) limits[name] = value;
    }
    if (Object.keys(limits).length > 0) next.rateLimits = limits;
    else delete next.rateLimits;
  }
  return next;
}

/**
 * Applies `patch` to the organisation's settings in one transaction (the row is locked, so two
 * concurrent patches both land) and returns the stored result. Stored settings that no longer
 * validate are replaced rather than merged.
 */
export async function updateOrganisationSettings(
  db: Db,
  organisationId: string,
  patch: OrganisationSettingsPatch,
): Promise<OrganisationSettings> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ settings: organisations.settings })
      .from(organisations)
      .where(eq(organisations.id, organisationId))
      .for('update');
    const row = rows[0];
    if (!row) throw new AppError('not_found');
    const current = OrganisationSettings.safeParse(row.settings).data ?? {};
    const next = applySettingsPatch(current, patch);
    await tx.update(organisations).set({ settings: next }).where(eq(organisations.id, organisationId));
    return next;
  });
}
