import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';

/** One override of a per-key rate limit: `points` requests per `seconds`. */
export const RateLimitOverride = z.strictObject({
  points: z.number().int().min(1).max(1_000_000),
  seconds: z.number().int().min(1).max(86_400),
});
export type RateLimitOverride = z.infer<typeof RateLimitOverride>;

/** The per-key limits an organisation may override (the per-IP `anonymous` limit is the platform's). */
export const OrganisationRateLimitName = z.enum(['general', 'reads', 'agentRuns', 'uploads']);
export type OrganisationRateLimitName = z.infer<typeof OrganisationRateLimitName>;

/**
 * Per-organisation preferences, set by its admins (`PATCH /v1/admin/organisation`): the labour
 * rate of its BOMs and overrides of the per-key rate limits, e.g. { general: { points: 1000,
 * seconds: 900 } }.
 */
export const OrganisationSettings = z.object({
  labourRateCents: z.number().int().min(0).max(100_000).optional(),
  rateLimits: z.partialRecord(OrganisationRateLimitName, RateLimitOverride).optional(),
});
export type OrganisationSettings = z.infer<typeof OrganisationSettings>;

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
