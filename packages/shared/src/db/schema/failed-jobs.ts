import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';

/**
 * Dead letters: one row per job BullMQ failed for good, written by the worker that saw it fail,
 * so that an organisation's failures are listed (and counted) by one indexed query instead of a
 * scan of every tenant's failed jobs in Redis. The job itself stays in BullMQ (retries go there);
 * the row goes when the job is retried through the API or completes.
 */
export const failedJobs = pgTable(
  'failed_jobs',
  {
    queue: text('queue').notNull(),
    jobId: text('job_id').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    failedReason: text('failed_reason').notNull(),
    /** The error code (`pdf_unreadable`, `webhook_forbidden_target`…), null when unknown. */
    code: text('code'),
    /** Stopped before using its attempts (bad input): retrying as is will not help. */
    permanent: boolean('permanent').notNull(),
    attemptsMade: integer('attempts_made').notNull(),
    attempts: integer('attempts').notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true }).notNull(),
    /** The job's payload without organisationId. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.queue, t.jobId] }),
    index('failed_jobs_org_failed_idx').on(t.organisationId, t.failedAt),
  ],
);
export type FailedJob = typeof failedJobs.$inferSelect;
