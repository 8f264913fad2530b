import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CorrectionRecord } from '../../contracts/analysis-revisions.ts';
import type { PlanAnalysis } from '../../contracts/plan-analysis.ts';
import { plans } from './plans.ts';

/**
 * A corrected analysis of a plan (the review loop): revision N ≥ 1, made from revision
 * `baseRevision` by `corrections`. Revision 0 is the analysis as produced (stage_results), kept
 * as it is. `analysisWrite` is the `stage_results.writes` of the analysis it corrects: a re-run of
 * the analysis (`POST /v1/plans/{id}/reanalyze`) makes the new analysis current again, and the
 * older revisions stay readable and exportable.
 */
export const analysisRevisions = pgTable(
  'analysis_revisions',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    baseRevision: integer('base_revision').notNull(),
    analysisWrite: integer('analysis_write').notNull(),
    analysis: jsonb('analysis').$type<PlanAnalysis>().notNull(),
    corrections: jsonb('corrections').$type<CorrectionRecord[]>().notNull(),
    /** Id of the API key that sent the corrections. */
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.revision] })],
);
export type AnalysisRevisionRow = typeof analysisRevisions.$inferSelect;
