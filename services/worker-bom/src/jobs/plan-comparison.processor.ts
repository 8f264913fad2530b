import { bomDelta, buildBom, defaultCatalog } from '@saeq/bom';
import { compareAnalyses } from '@saeq/plan-analysis';
import { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import type { StoredComparison } from '@saeq/shared/contracts/plan-comparison';
import { type Db, planComparisons, planStages } from '@saeq/shared/db';
import type { Lang } from '@saeq/shared/i18n';
import { currentAnalysis } from '@saeq/shared/plans';
import { PlanComparisonJob } from '@saeq/shared/queues';
import {
  databaseDown,
  describeJobError,
  type JobContext,
  PermanentJobError,
} from '@saeq/shared/worker-runtime';
import { UnrecoverableError } from 'bullmq';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { pricingFor } from '../catalogs/organisation-catalog.ts';

export type PlanComparisonDeps = {
  db: Db;
  defaultLabourRateCents: number;
  now: () => Date;
};

/** A plan whose analysis failed for good: the comparison fails and says which plan. */
export class AnalysisFailedError extends PermanentJobError {
  readonly planId: string;
  constructor(planId: string, role: 'base' | 'revised') {
    super('analysis_failed', `the analysis of the ${role} plan ${planId} failed`);
    this.planId = planId;
  }
}

/** Not an error of the comparison: an analysis still running. The job retries with backoff. */
export class AnalysisPendingError extends Error {
  override readonly name = 'AnalysisPendingError';
  readonly code = 'analysis_pending';
}

const langs: Lang[] = ['fr', 'en'];

/** Both analyses once both are completed; throws AnalysisFailedError / AnalysisPendingError otherwise. */
async function loadBoth(
  db: Db,
  basePlanId: string,
  revisedPlanId: string,
): Promise<[PlanAnalysis, PlanAnalysis]> {
  const stages = await db
    .select({ planId: planStages.planId, status: planStages.status })
    .from(planStages)
    .where(and(inArray(planStages.planId, [basePlanId, revisedPlanId]), eq(planStages.stage, 'analysis')));
  const statusOf = (id: string) => stages.find((s) => s.planId === id)?.status;
  for (const [id, role] of [
    [basePlanId, 'base'],
    [revisedPlanId, 'revised'],
  ] as const) {
    const status = statusOf(id);
    if (status === undefined)
      throw new PermanentJobError('plan_not_found', `the ${role} plan ${id} no longer exists`);
    if (status === 'failed') throw new AnalysisFailedError(id, role);
  }
  if (statusOf(basePlanId) !== 'completed' || statusOf(revisedPlanId) !== 'completed') {
    throw new AnalysisPendingError('an analysis is still running');
  }
  const load = async (id: string) => {
    const current = await currentAnalysis(db, id);
    if (current === null)
      throw new PermanentJobError('analysis_missing', `the plan ${id} has no stored analysis`);
    return PlanAnalysis.parse(current.analysis);
  };
  return [await load(basePlanId), await load(revisedPlanId)];
}

/**
 * plan-comparison: two plans' current analyses (an estimator's corrections included) → what
 * changed, and BOM(revised) − BOM(base) priced with the organisation's catalogue and labour rate,
 * both BOMs built together so only quantities differ. Waits (retries) while an analysis runs.
 */
export function planComparisonProcessor(deps: PlanComparisonDeps) {
  return async (_job: unknown, { job }: JobContext) => {
    const data = PlanComparisonJob.parse(job.data);
    const attempt = job.attemptsMade + 1;
    const rows = await deps.db
      .update(planComparisons)
      .set({ status: 'processing', attempts: attempt, updatedAt: deps.now() })
      .where(and(eq(planComparisons.id, data.comparisonId), ne(planComparisons.status, 'completed')))
      .returning();
    const row = rows[0];
    if (!row) return { comparisonId: data.comparisonId, symbolChanges: 0 };
    try {
      const [base, revised] = await loadBoth(deps.db, row.basePlanId, row.revisedPlanId);
      const comparison = compareAnalyses(base, revised);
      const pricing = await pricingFor(deps.db, data.organisationId, {
        defaultLabourRateCents: deps.defaultLabourRateCents,
      });
      const bomOf = (analysis: PlanAnalysis, lang: Lang) =>
        buildBom({
          analysis,
          catalog: pricing.catalog,
          fallbackCatalog: defaultCatalog,
          labourRateCents: pricing.labourRateCents,
          lang,
        });
      const bom = Object.fromEntries(
        langs.map((lang) => [lang, bomDelta(bomOf(base, lang), bomOf(revised, lang))]),
      ) as StoredComparison['bom'];
      const stored: StoredComparison = { ...comparison, bom };
      await deps.db
        .update(planComparisons)
        .set({
          status: 'completed',
          result: stored,
          error: null,
          finishedAt: deps.now(),
          updatedAt: deps.now(),
        })
        .where(eq(planComparisons.id, data.comparisonId));
      return { comparisonId: data.comparisonId, symbolChanges: comparison.symbols.length };
    } catch (err) {
      if (await databaseDown(err, deps.db)) throw err;
      const final = err instanceof UnrecoverableError || attempt >= (job.opts.attempts ?? 1);
      // Waiting for an analysis is no error to show while the comparison is still queued.
      const waiting = err instanceof AnalysisPendingError && !final;
      const error = waiting
        ? null
        : { ...describeJobError(err), ...(err instanceof AnalysisFailedError ? { planId: err.planId } : {}) };
      await deps.db
        .update(planComparisons)
        .set({
          status: final ? 'failed' : 'queued',
          error,
          updatedAt: deps.now(),
          ...(final ? { finishedAt: deps.now() } : {}),
        })
        .where(and(eq(planComparisons.id, data.comparisonId), ne(planComparisons.status, 'completed')));
      throw err;
    }
  };
}
