import type { Db } from '@saeq/shared/db';
import type { Metrics } from '@saeq/shared/metrics';
import { PlanBomJob } from '@saeq/shared/queues';
import type { BlobStore } from '@saeq/shared/storage';
import { type JobContext, runPlanStage } from '@saeq/shared/worker-runtime';
import { pricingFor } from '../catalogs/organisation-catalog.ts';
import { renderBom } from '../exporters/render-bom.ts';
import { loadAnalysis } from './load-analysis.ts';

export type PlanBomDeps = {
  db: Db;
  store: BlobStore;
  metrics: Metrics;
  defaultLabourRateCents: number;
  now: () => Date;
  /** Sends the plan's webhook when this stage settles it. */
  onPlanSettled: (planId: string, requestId?: string) => Promise<void>;
};

/** plan-bom: the plan's analysis → a priced bill of materials (both languages) and its exports. */
export function planBomProcessor(deps: PlanBomDeps) {
  return async (_job: unknown, { job }: JobContext) => {
    const data = PlanBomJob.parse(job.data);
    let lines = 0;
    const outcome = await runPlanStage({
      db: deps.db,
      job,
      planId: data.planId,
      stage: 'bom',
      now: deps.now,
      metrics: deps.metrics,
      afterSettled: () => deps.onPlanSettled(data.planId, data.requestId),
      work: async (progress) => {
        const analysis = await loadAnalysis(deps.db, data.planId);
        const pricing = await pricingFor(deps.db, data.organisationId, {
          defaultLabourRateCents: deps.defaultLabourRateCents,
        });
        await progress(30);
        const stored = await renderBom(
          { analysis, catalog: pricing.catalog, labourRateCents: pricing.labourRateCents },
          deps.store,
          deps.now(),
          data.planId,
        );
        lines = stored.byLang.fr.lines.length;
        return { result: stored };
      },
    });
    // A deleted plan or a duplicate of a completed stage generated nothing.
    if (outcome === 'completed') deps.metrics.bomsGenerated.inc();
    return { planId: data.planId, lines };
  };
}
