import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { CorrectionRecord } from '../contracts/analysis-revisions.ts';
import type { PlanAnalysis } from '../contracts/plan-analysis.ts';
import type { Db } from '../db/client.ts';
import { analysisRevisions } from '../db/schema/analysis-revisions.ts';
import { type PlanStageName, planStages, stageResults } from '../db/schema/plans.ts';

/**
 * The review loop's storage: an estimator's corrections make a new revision of a plan's analysis,
 * never an edit of the one produced (revision 0, in stage_results). Which revision is current is
 * decided here only, for the gateway (what `GET …/analysis` serves) and worker-bom (what BOM and
 * compliance are computed from) alike.
 */

/** An analysis revision: 0 is the analysis as produced; `analysisWrite` says which run it belongs to. */
export type AnalysisRevision = {
  revision: number;
  analysis: PlanAnalysis;
  analysisWrite: number;
};

/**
 * The revision BOM and compliance work from: the latest correction of the current analysis run,
 * or the analysis as produced when it has none. Null when the plan has no stored analysis.
 * The produced analysis is returned as stored (with its `previews`).
 */
export async function currentAnalysis(db: Db, planId: string): Promise<AnalysisRevision | null> {
  const rows = await db
    .select({
      result: stageResults.result,
      writes: stageResults.writes,
      revision: analysisRevisions.revision,
      corrected: analysisRevisions.analysis,
    })
    .from(stageResults)
    .leftJoin(
      analysisRevisions,
      and(
        eq(analysisRevisions.planId, stageResults.planId),
        eq(analysisRevisions.analysisWrite, stageResults.writes),
      ),
    )
    .where(and(eq(stageResults.planId, planId), eq(stageResults.stage, 'analysis')))
    .orderBy(desc(sql`coalesce(${analysisRevisions.revision}, 0)`))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  if (row.revision !== null && row.corrected !== null)
    return { revision: row.revision, analysis: row.corrected, analysisWrite: row.writes };
  return { revision: 0, analysis: row.result as PlanAnalysis, analysisWrite: row.writes };
}

/** A stored correction revision (N ≥ 1), or null. */
export async function correctionRevision(
  db: Db,
  planId: string,
  revision: number,
): Promise<AnalysisRevision | null> {
  const rows = await db
    .select({
      revision: analysisRevisions.revision,
      analysis: analysisRevisions.analysis,
      analysisWrite: analysisRevisions.analysisWrite,
    })
    .from(analysisRevisions)
    .where(and(eq(analysisRevisions.planId, planId), eq(analysisRevisions.revision, revision)));
  return rows[0] ?? null;
}

/**
 * Stores revision `revision` of the plan's analysis. Numbers are per plan and never reused; two
 * estimators racing for the same number make the primary key refuse the second (returns false).
 */
export async function insertCorrectionRevision(
  db: Db,
  row: {
    planId: string;
    revision: number;
    baseRevision: number;
    analysisWrite: number;
    analysis: PlanAnalysis;
    corrections: CorrectionRecord[];
    createdBy: string;
    createdAt: Date;
  },
): Promise<boolean> {
  const inserted = await db
    .insert(analysisRevisions)
    .values(row)
    .onConflictDoNothing()
    .returning({ revision: analysisRevisions.revision });
  return inserted.length > 0;
}

/** The highest revision number the plan has used (0 when it was never corrected). */
export async function latestRevisionNumber(db: Db, planId: string): Promise<number> {
  const rows = await db
    .select({ max: sql<number | null>`max(${analysisRevisions.revision})` })
    .from(analysisRevisions)
    .where(eq(analysisRevisions.planId, planId));
  return Number(rows[0]?.max ?? 0);
}

/** Every correction made on the plan, oldest first (the labelled data export). */
export async function planCorrections(db: Db, planId: string): Promise<CorrectionRecord[]> {
  const rows = await db
    .select({ corrections: analysisRevisions.corrections })
    .from(analysisRevisions)
    .where(eq(analysisRevisions.planId, planId))
    .orderBy(analysisRevisions.revision);
  return rows.flatMap((r) => r.corrections);
}

/**
 * Puts settled stages back to `queued` for a re-run (their old result stays until the new one is
 * written). Only stages that are completed or failed move: a stage still running is left alone,
 * and the returned count tells the caller whether every stage was settled.
 */
export async function reopenStages(
  db: Db,
  planId: string,
  stages: readonly PlanStageName[],
  now: Date,
): Promise<number> {
  const rows = await db
    .update(planStages)
    .set({ status: 'queued', progress: 0, error: null, startedAt: null, finishedAt: null, updatedAt: now })
    .where(
      and(
        eq(planStages.planId, planId),
        inArray(planStages.stage, [...stages]),
        inArray(planStages.status, ['completed', 'failed']),
      ),
    )
    .returning({ stage: planStages.stage });
  return rows.length;
}
