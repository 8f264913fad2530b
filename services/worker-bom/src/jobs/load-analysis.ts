import { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import type { Db } from '@saeq/shared/db';
import { currentAnalysis } from '@saeq/shared/plans';
import { PermanentJobError } from '@saeq/shared/worker-runtime';

/**
 * The analysis a post-analysis stage works on: the latest revision an estimator made, else the
 * analysis as produced. Its absence is permanent (the pipeline is out of order).
 */
export async function loadAnalysis(db: Db, planId: string): Promise<PlanAnalysis> {
  const current = await currentAnalysis(db, planId);
  if (current === null) throw new PermanentJobError('analysis_missing', 'the plan has no stored analysis');
  return PlanAnalysis.parse(current.analysis);
}
