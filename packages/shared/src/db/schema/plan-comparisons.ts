import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';
import type { StageError, StageStatus } from './plans.ts';
import { plans } from './plans.ts';

/** What changed between two plans of one organisation (`POST /v1/comparisons`), computed by worker-bom. */
export const planComparisons = pgTable(
  'plan_comparisons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    basePlanId: uuid('base_plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    revisedPlanId: uuid('revised_plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    status: text('status').$type<StageStatus>().notNull().default('queued'),
    /** `StoredComparison` (packages/shared/src/contracts/plan-comparison.ts) once completed. */
    result: jsonb('result'),
    error: jsonb('error').$type<StageError & { planId?: string }>(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('plan_comparisons_org_idx').on(t.organisationId, t.createdAt),
    // Deleting a plan cascades to the comparisons it is part of.
    index('plan_comparisons_base_idx').on(t.basePlanId),
    index('plan_comparisons_revised_idx').on(t.revisedPlanId),
    index('plan_comparisons_unsettled_idx')
      .on(t.updatedAt)
      .where(sql`${t.status} in ('queued', 'processing')`),
  ],
);
export type PlanComparisonRow = typeof planComparisons.$inferSelect;
