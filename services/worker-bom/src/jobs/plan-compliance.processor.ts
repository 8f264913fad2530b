import { runCompliance } from '@saeq/electrical-code';
import type { StoredCompliance } from '@saeq/shared/contracts/stored-results';
import type { Db } from '@saeq/shared/db';
import type { Metrics } from '@saeq/shared/metrics';
import { PlanComplianceJob } from '@saeq/shared/queues';
import { type JobContext, runPlanStage } from '@saeq/shared/worker-runtime';
import { loadAnalysis } from './load-analysis.ts';

export type PlanComplianceDeps = {
  db: Db;
  metrics: Metrics;
  now: () => Date;
  onPlanSettled: (planId: string, requestId?: string) => Promise<void>;
};

/** plan-compliance: runs the rule catalogue of the plan's edition over its analysis, in both languages. */
export function planComplianceProcessor(deps: PlanComplianceDeps) {
  return async (_job: unknown, { job }: JobContext) => {
    const data = PlanComplianceJob.parse(job.data);
    let findings = 0;
    await runPlanStage({
      db: deps.db,
      job,
      planId: data.planId,
      stage: 'compliance',
      now: deps.now,
      metrics: deps.metrics,
      afterSettled: () => deps.onPlanSettled(data.planId, data.requestId),
      work: async () => {
        const analysis = await loadAnalysis(deps.db, data.planId);
        const fr = runCompliance(analysis, {}, { edition: data.edition, lang: 'fr' });
        const en = runCompliance(analysis, {}, { edition: data.edition, lang: 'en' });
        findings = fr.findings.length;
        const stored: StoredCompliance = { kind: 'compliance', byLang: { fr, en } };
        return { result: stored };
      },
    });
    return { planId: data.planId, findings };
  };
}
