import { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import type { Db } from '@saeq/shared/db';
import { getStageResult } from '@saeq/shared/plans';
import { PermanentJobError } from '@saeq/shared/worker-runtime';

/** The stored analysis a post-analysis stage works on; its absence is permanent (the pipeline is out of order). */
export async function loadAnalysis(db: Db, planId: string): Promise<PlanAnalysis> {
  const raw = await getStageResult(db, planId, 'analysis');
  if (raw === null) throw new PermanentJobError('analysis_missing', 'the plan has no stored analysis');
  return PlanAnalysis.parse(raw);
}
