import { customType, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Postgres full-text vector: filled by the seeding SQL, never written from TypeScript. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The norms knowledge base (issue 19), a copy of `@saeq/knowledge`'s entries made searchable:
 * one French and one English full-text vector (`saeq_fr` / `saeq_en` configurations, accents
 * folded), and an accent-folded text for trigram matching of rule numbers and typos. Re-seeded
 * whole when the entries' content hash changes (`knowledge_seed`); never edited by users.
 */
export const knowledgeEntries = pgTable(
  'knowledge_entries',
  {
    id: text('id').primaryKey(),
    source: text('source').notNull(),
    reference: text('reference').notNull(),
    edition: text('edition'),
    titleFr: text('title_fr').notNull(),
    titleEn: text('title_en').notNull(),
    summaryFr: text('summary_fr').notNull(),
    summaryEn: text('summary_en').notNull(),
    keywords: text('keywords').array().notNull(),
    relatedRuleIds: text('related_rule_ids').array().notNull(),
    url: text('url'),
    /** Position in the source files: the order of GET listings and score ties. */
    ordinal: integer('ordinal').notNull(),
    searchFr: tsvector('search_fr'),
    searchEn: tsvector('search_en'),
    /** Reference, titles and keywords, lowercase without accents: what trigrams compare. */
    searchText: text('search_text'),
  },
  (t) => [index('knowledge_entries_source_idx').on(t.source)],
);
export type KnowledgeEntryRow = typeof knowledgeEntries.$inferSelect;

/** The content hash of the entries last seeded (one row). */
export const knowledgeSeed = pgTable('knowledge_seed', {
  id: text('id').primaryKey(),
  contentHash: text('content_hash').notNull(),
  seededAt: timestamp('seeded_at', { withTimezone: true }).notNull().defaultNow(),
});
