import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Per-organisation preferences (labour rate, rate-limit overrides, …), validated where read. */
export type OrganisationSettings = {
  labourRateCents?: number;
  /** Per-limit overrides, e.g. { agentRuns: { points: 120, seconds: 60 } }. */
  rateLimits?: Partial<Record<string, { points: number; seconds: number }>>;
};

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  settings: jsonb('settings').$type<OrganisationSettings>().notNull().default({}),
  /** Secret that signs this organisation's webhooks (HMAC-SHA256). */
  webhookSecret: text('webhook_secret'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Organisation = typeof organisations.$inferSelect;
