import type { Db } from '@saeq/shared/db';
import type { Metrics } from '@saeq/shared/metrics';
import { PlanBomJob } from '@saeq/shared/queues';
import { type JobContext, runPlanStage } from '@saeq/shared/worker-runtime';
import { loadAnalysis } from './load-analysis.ts';

export type PlanBomDeps = { db: Db; metrics: Metrics; now: () => Date };

/**
 * plan-bom: the analysis counts → a bill of materials. The priced BOM (catalogue, assemblies,
 * taxes) is not wired in yet: the stored result is an honest empty BOM whose warning says so,
 * with the device counts it will be built from.
 */
export function planBomProcessor(deps: PlanBomDeps) {
  return async (_job: unknown, { job }: JobContext) => {
    const data = PlanBomJob.parse(job.data);
    await runPlanStage({
      db: deps.db,
      job,
      planId: data.planId,
      stage: 'bom',
      now: deps.now,
      work: async () => {
        const analysis = await loadAnalysis(deps.db, data.planId);
        const result = {
          currency: 'CAD' as const,
          lines: [],
          subtotal: 0,
          labourHours: 0,
          taxes: { tps: 0, tvq: 0 },
          total: 0,
          deviceCounts: analysis.counts.byType,
          assumptions: [],
          warnings: [
            {
              code: 'bom_not_implemented',
              message:
                'Le bordereau chiffré (catalogue, assemblages, taxes) n’est pas encore branché : aucune ligne produite.',
            },
          ],
        };
        return { result };
      },
    });
    deps.metrics.plansProcessed.inc({ stage: 'bom', status: 'completed' });
    return { planId: data.planId, lines: 0 };
  };
}
