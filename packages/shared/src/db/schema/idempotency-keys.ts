import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';

/** `Idempotency-Key` records: the first response to a creating POST, replayed for 24 h. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** sha256 of method + path + body: the same key with another body is a 422. */
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    response: jsonb('response'),
    headers: jsonb('headers').$type<Record<string, string>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.key] }),
    // The periodic purge deletes by age across organisations.
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);
export type IdempotencyKey = typeof idempotencyKeys.$inferSelect;
