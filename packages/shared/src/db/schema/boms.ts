import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';
import type { StageError, StageStatus } from './plans.ts';

/** A bill of materials requested from an item list, without a plan (`POST /v1/boms`). */
export const boms = pgTable(
  'boms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    status: text('status').$type<StageStatus>().notNull().default('queued'),
    request: jsonb('request').notNull(),
    result: jsonb('result'),
    error: jsonb('error').$type<StageError>(),
    attempts: integer('attempts').notNull().default(0),
    callbackUrl: text('callback_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('boms_org_idx').on(t.organisationId, t.createdAt),
    // The reconciler's scan of unsettled BOMs (worker-bom/src/jobs/bom-build.recovery.ts).
    index('boms_unsettled_idx').on(t.updatedAt).where(sql`${t.status} in ('queued', 'processing')`),
  ],
);
export type BomRow = typeof boms.$inferSelect;
