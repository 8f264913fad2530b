import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  type PlanStageName,
  planStageNames,
  planStages,
  plans,
  type StageError,
  type StageStatus,
  stageResults,
} from '../db/schema/plans.ts';

/**
 * Plan stage state in Postgres, the source of truth the gateway polls. Every write is
 * idempotent so a retried or duplicated job can never leave two rows or go backwards from
 * `completed`.
 */

export async function createPlanWithStages(
  db: Db,
  plan: {
    id?: string;
    organisationId: string;
    name: string;
    filename: string;
    sizeBytes: number;
    sha256: string;
    edition: string;
    callbackUrl?: string | null;
  },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(plans).values(plan).returning();
    if (!row) throw new Error('plan insert returned nothing');
    await tx.insert(planStages).values(planStageNames.map((stage) => ({ planId: row.id, stage })));
    return row;
  });
}

/** Marks a stage as processing (unless it already finished: a duplicate delivery must not reopen it). */
export async function markStageProcessing(
  db: Db,
  planId: string,
  stage: PlanStageName,
  attempt: number,
  now: Date,
) {
  const rows = await db
    .update(planStages)
    .set({ status: 'processing', attempts: attempt, startedAt: now, updatedAt: now, error: null })
    .where(
      and(
        eq(planStages.planId, planId),
        eq(planStages.stage, stage),
        sql`${planStages.status} <> 'completed'`,
      ),
    )
    .returning({ planId: planStages.planId });
  return rows.length > 0;
}

export async function setStageProgress(
  db: Db,
  planId: string,
  stage: PlanStageName,
  progress: number,
  now: Date,
) {
  const bounded = Math.max(0, Math.min(99, Math.round(progress)));
  await db
    .update(planStages)
    .set({ progress: bounded, updatedAt: now })
    .where(
      and(eq(planStages.planId, planId), eq(planStages.stage, stage), eq(planStages.status, 'processing')),
    );
}

/** Writes the result and marks the stage completed in one transaction (never one without the other). */
export async function completeStage(
  db: Db,
  planId: string,
  stage: PlanStageName,
  result: unknown,
  now: Date,
  planUpdate: { pages?: number } = {},
) {
  await db.transaction(async (tx) => {
    await tx
      .insert(stageResults)
      .values({ planId, stage, result })
      .onConflictDoUpdate({
        target: [stageResults.planId, stageResults.stage],
        set: { result, updatedAt: now, writes: sql`${stageResults.writes} + 1` },
      });
    await tx
      .update(planStages)
      .set({ status: 'completed', progress: 100, finishedAt: now, updatedAt: now, error: null })
      .where(and(eq(planStages.planId, planId), eq(planStages.stage, stage)));
    await tx
      .update(plans)
      .set({ updatedAt: now, ...planUpdate })
      .where(eq(plans.id, planId));
  });
}

export async function failStage(db: Db, planId: string, stage: PlanStageName, error: StageError, now: Date) {
  await db
    .update(planStages)
    .set({ status: 'failed', error, finishedAt: now, updatedAt: now })
    .where(
      and(
        eq(planStages.planId, planId),
        eq(planStages.stage, stage),
        sql`${planStages.status} <> 'completed'`,
      ),
    );
  await db.update(plans).set({ updatedAt: now }).where(eq(plans.id, planId));
}

/** Returns to `queued` a stage whose job will run again (transient failure, waiting for retry). */
export async function requeueStage(
  db: Db,
  planId: string,
  stage: PlanStageName,
  error: StageError,
  now: Date,
) {
  await db
    .update(planStages)
    .set({ status: 'queued', error, updatedAt: now })
    .where(
      and(eq(planStages.planId, planId), eq(planStages.stage, stage), eq(planStages.status, 'processing')),
    );
}

export async function getStageResult<T = unknown>(
  db: Db,
  planId: string,
  stage: PlanStageName,
): Promise<T | null> {
  const rows = await db
    .select({ result: stageResults.result })
    .from(stageResults)
    .where(and(eq(stageResults.planId, planId), eq(stageResults.stage, stage)));
  return rows[0] ? (rows[0].result as T) : null;
}

/** A plan's overall status from its stages: failed if any failed, completed when all are. */
export function planStatus(stages: { status: StageStatus; progress: number }[]): {
  status: StageStatus;
  progress: number;
} {
  if (stages.some((s) => s.status === 'failed'))
    return { status: 'failed', progress: averageProgress(stages) };
  if (stages.length > 0 && stages.every((s) => s.status === 'completed'))
    return { status: 'completed', progress: 100 };
  if (stages.some((s) => s.status !== 'queued'))
    return { status: 'processing', progress: averageProgress(stages) };
  return { status: 'queued', progress: 0 };
}

function averageProgress(stages: { progress: number }[]): number {
  if (stages.length === 0) return 0;
  return Math.round(stages.reduce((sum, s) => sum + s.progress, 0) / stages.length);
}

/**
 * Reopens a failed stage for a retry from the dead letters: back to `queued` (its job, retried,
 * runs it again), and the plan's webhook unqueued, so its new settlement is announced. False
 * when the stage had not failed (nothing to reopen).
 */
export async function reopenPlanStage(db: Db, planId: string, stage: PlanStageName, now: Date) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(planStages)
      .set({ status: 'queued', progress: 0, error: null, startedAt: null, finishedAt: null, updatedAt: now })
      .where(and(eq(planStages.planId, planId), eq(planStages.stage, stage), eq(planStages.status, 'failed')))
      .returning({ planId: planStages.planId });
    if (rows.length === 0) return false;
    await tx.update(plans).set({ webhookQueuedAt: null, updatedAt: now }).where(eq(plans.id, planId));
    return true;
  });
}
