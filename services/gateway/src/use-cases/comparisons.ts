import { type Db, type PlanComparisonRow, planComparisons, planStages, plans } from '@saeq/shared/db';
import { AppError } from '@saeq/shared/errors';
import { enqueue, queues } from '@saeq/shared/queues';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { GatewayDeps } from '../deps.ts';

export const ComparisonRequest = z.strictObject({
  basePlanId: z.uuid(),
  revisedPlanId: z.uuid(),
});
export type ComparisonRequest = z.infer<typeof ComparisonRequest>;

/**
 * Checks both plans belong to the organisation (404 otherwise, as for any other organisation's
 * resource) and that neither analysis failed (409 naming the plan); plans still being analysed
 * are accepted: the worker waits for them.
 */
async function checkPlans(db: Db, organisationId: string, request: ComparisonRequest): Promise<void> {
  const ids = [request.basePlanId, request.revisedPlanId];
  const owned = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(inArray(plans.id, ids), eq(plans.organisationId, organisationId)));
  for (const [field, id] of Object.entries(request) as [keyof ComparisonRequest, string][]) {
    if (!owned.some((p) => p.id === id))
      throw new AppError('not_found', {
        // The field says which plan; the id is not echoed (an unknown id and another
        // organisation's answer the same, and neither repeats it).
        detail: {
          fr: field === 'basePlanId' ? 'Plan de base introuvable.' : 'Plan révisé introuvable.',
          en: field === 'basePlanId' ? 'Base plan not found.' : 'Revised plan not found.',
        },
        errors: [{ path: field, message: { fr: 'plan introuvable', en: 'plan not found' } }],
      });
  }
  const failed = await db
    .select({ planId: planStages.planId })
    .from(planStages)
    .where(
      and(inArray(planStages.planId, ids), eq(planStages.stage, 'analysis'), eq(planStages.status, 'failed')),
    );
  for (const [field, id] of Object.entries(request) as [keyof ComparisonRequest, string][]) {
    if (!failed.some((p) => p.planId === id)) continue;
    const role = field === 'basePlanId' ? { fr: 'de base', en: 'base' } : { fr: 'révisé', en: 'revised' };
    throw new AppError('conflict', {
      detail: {
        fr: `L’analyse du plan ${role.fr} ${id} a échoué : il ne peut pas être comparé. Relancez son analyse (POST /v1/plans/${id}/reanalyze).`,
        en: `The analysis of the ${role.en} plan ${id} failed: it cannot be compared. Run its analysis again (POST /v1/plans/${id}/reanalyze).`,
      },
      errors: [{ path: field, message: { fr: 'analyse échouée', en: 'analysis failed' } }],
      context: { planId: id },
    });
  }
}

/** `POST /v1/comparisons`: the row, then its plan-comparison job (the row is removed when Redis is down). */
export async function submitComparison(
  deps: GatewayDeps,
  organisationId: string,
  request: ComparisonRequest,
  requestId: string,
): Promise<PlanComparisonRow> {
  const db = deps.db.db;
  await checkPlans(db, organisationId, request);
  const [row] = await db
    .insert(planComparisons)
    .values({ organisationId, basePlanId: request.basePlanId, revisedPlanId: request.revisedPlanId })
    .returning();
  if (!row) throw new Error('comparison insert returned nothing');
  try {
    await enqueue(
      deps.queues.planComparison,
      queues.planComparison,
      { comparisonId: row.id, organisationId, requestId },
      { jobId: row.id },
    );
  } catch (err) {
    await db
      .delete(planComparisons)
      .where(eq(planComparisons.id, row.id))
      .catch(() => {});
    throw new AppError('dependency_unavailable', { headers: { 'Retry-After': '5' }, cause: err });
  }
  return row;
}

export async function findComparison(db: Db, organisationId: string, id: string): Promise<PlanComparisonRow> {
  const rows = await db
    .select()
    .from(planComparisons)
    .where(and(eq(planComparisons.id, id), eq(planComparisons.organisationId, organisationId)));
  if (!rows[0]) throw new AppError('not_found');
  return rows[0];
}
