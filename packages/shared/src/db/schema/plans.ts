import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';

export type StageError = { code: string; message: string };

export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    filename: text('filename').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    pages: integer('pages'),
    edition: text('edition').notNull(),
    callbackUrl: text('callback_url'),
    /**
     * When the webhook of the plan's current settlement was queued; null while none is (in
     * progress, or reopened by a retry). The reconciler queues the webhook of settled plans with
     * a callback URL and none queued.
     */
    webhookQueuedAt: timestamp('webhook_queued_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('plans_org_created_idx').on(t.organisationId, t.createdAt, t.id),
    // The webhook reconciler's scan: only plans with a callback whose webhook is not queued.
    index('plans_webhook_pending_idx')
      .on(t.updatedAt)
      .where(sql`${t.callbackUrl} is not null and ${t.webhookQueuedAt} is null`),
  ],
);
export type Plan = typeof plans.$inferSelect;

export const planStageNames = ['analysis', 'compliance', 'bom'] as const;
export type PlanStageName = (typeof planStageNames)[number];
export const stageStatuses = ['queued', 'processing', 'completed', 'failed'] as const;
export type StageStatus = (typeof stageStatuses)[number];

/** One row per plan and stage: the source of truth for status and progress (the gateway polls it). */
export const planStages = pgTable(
  'plan_stages',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    stage: text('stage').$type<PlanStageName>().notNull(),
    status: text('status').$type<StageStatus>().notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    error: jsonb('error').$type<StageError>(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.stage] }),
    // The reconciler's scan of unsettled stages (worker-runtime/plan-recovery.ts): partial, so it
    // holds only the few rows still queued or processing, not the whole history.
    index('plan_stages_unsettled_idx')
      .on(t.stage, t.updatedAt)
      .where(sql`${t.status} in ('queued', 'processing')`),
  ],
);
export type PlanStage = typeof planStages.$inferSelect;

/** The result document of a stage; the composite key makes retried writes idempotent upserts. */
export const stageResults = pgTable(
  'stage_results',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    stage: text('stage').$type<PlanStageName>().notNull(),
    result: jsonb('result').notNull(),
    writes: integer('writes').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.stage] })],
);
export type StageResult = typeof stageResults.$inferSelect;
