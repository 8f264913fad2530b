import { type Job, UnrecoverableError } from 'bullmq';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type PlanStageName, planStages } from '../db/schema/plans.ts';
import type { Metrics } from '../metrics/index.ts';
import {
  completeStage,
  failStage,
  markStageProcessing,
  requeueStage,
  setStageProgress,
} from '../plans/stage-store.ts';
import { databaseDown } from './database-gate.ts';
import { describeJobError } from './permanent-error.ts';

export type StageOutcome = 'completed' | 'already-completed' | 'plan-deleted';

/**
 * The lifecycle every plan stage job shares: mark processing → do the work → write result and
 * status in one transaction. Permanent errors and the last attempt mark the stage failed; other
 * errors put it back to queued for the retry; Postgres being unreachable is left to
 * startWorkerService (job delayed, no attempt spent). A duplicate delivery of a finished stage
 * does no work again.
 */
export async function runPlanStage(opts: {
  db: Db;
  job: Job;
  planId: string;
  stage: PlanStageName;
  now: () => Date;
  work: (
    reportProgress: (pct: number) => Promise<void>,
  ) => Promise<{ result: unknown; planUpdate?: { pages?: number } }>;
  /**
   * Called once the stage is written completed, or failed for good, and again by a duplicate
   * delivery of a completed stage (e.g. to send the plan's webhook): must be idempotent.
   */
  afterSettled?: () => Promise<void>;
  /** Counts completed and finally failed stages (saeq_plans_processed_total). */
  metrics?: Pick<Metrics, 'plansProcessed'>;
}): Promise<StageOutcome> {
  const { db, job, planId, stage, now } = opts;
  const attempt = job.attemptsMade + 1;
  const started = await markStageProcessing(db, planId, stage, attempt, now());
  if (!started) {
    const rows = await db
      .select({ status: planStages.status })
      .from(planStages)
      .where(and(eq(planStages.planId, planId), eq(planStages.stage, stage)));
    if (!rows[0]) return 'plan-deleted';
    // Completed by an earlier run that may have died (or lost Redis) before its settle hook ran:
    // run it again (the webhook is queued once whatever the repeats: its job id is per event).
    await opts.afterSettled?.();
    return 'already-completed';
  }
  try {
    const { result, planUpdate } = await opts.work(async (pct) => {
      await job.updateProgress(pct);
      await setStageProgress(db, planId, stage, pct, now());
    });
    await completeStage(db, planId, stage, result, now(), planUpdate);
    opts.metrics?.plansProcessed.inc({ stage, status: 'completed' });
    await opts.afterSettled?.();
    return 'completed';
  } catch (err) {
    // Postgres unreachable: nothing can be recorded, and the job is put back without spending
    // an attempt (startWorkerService), so the stage is neither failed nor requeued here.
    if (await databaseDown(err, db)) throw err;
    const final = err instanceof UnrecoverableError || attempt >= (job.opts.attempts ?? 1);
    const error = describeJobError(err);
    if (final) {
      await failStage(db, planId, stage, error, now());
      opts.metrics?.plansProcessed.inc({ stage, status: 'failed' });
      await opts.afterSettled?.();
    } else {
      await requeueStage(db, planId, stage, error, now());
    }
    throw err;
  }
}
