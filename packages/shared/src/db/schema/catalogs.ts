import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';

/**
 * A contractor's price catalogue (imported CSV). Items are kept as one validated JSON document:
 * a catalogue is read whole to build a BOM, never queried item by item.
 */
export const catalogs = pgTable(
  'catalogs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    source: text('source').notNull().default(''),
    priceDate: text('price_date'),
    itemCount: integer('item_count').notNull(),
    items: jsonb('items').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('catalogs_org_idx').on(t.organisationId, t.createdAt)],
);
export type CatalogRow = typeof catalogs.$inferSelect;
