import type { Db } from '@saeq/shared/db';
import type { Metrics } from '@saeq/shared/metrics';
import { PlanComplianceJob } from '@saeq/shared/queues';
import { type JobContext, runPlanStage } from '@saeq/shared/worker-runtime';
import { loadAnalysis } from './load-analysis.ts';

export type PlanComplianceDeps = { db: Db; metrics: Metrics; now: () => Date };

/**
 * plan-compliance: runs the rule catalogue over the analysis. Until the rule engine is wired in,
 * the result has no findings and says which rules could not run and why.
 */
export function planComplianceProcessor(deps: PlanComplianceDeps) {
  return async (_job: unknown, { job }: JobContext) => {
    const data = PlanComplianceJob.parse(job.data);
    await runPlanStage({
      db: deps.db,
      job,
      planId: data.planId,
      stage: 'compliance',
      now: deps.now,
      work: async () => {
        await loadAnalysis(deps.db, data.planId);
        return {
          result: {
            edition: data.edition,
            findings: [],
            summary: { errors: 0, warnings: 0, infos: 0, rulesRun: 0, rulesSkipped: 0 },
            warnings: [
              {
                code: 'compliance_not_implemented',
                message:
                  'Les règles de conformité ne sont pas encore branchées : aucune vérification effectuée.',
              },
            ],
          },
        };
      },
    });
    deps.metrics.plansProcessed.inc({ stage: 'compliance', status: 'completed' });
    return { planId: data.planId, findings: 0 };
  };
}
