import { pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { DeviceType } from '../../contracts/plan-analysis.ts';
import { organisations } from './organisations.ts';

/**
 * An organisation's own legend wording mapped to a device type by an estimator
 * (`PUT /v1/legend-mappings`); worker-pdf applies them to every later analysis of that
 * organisation. One mapping per normalised wording (`normalizeLegendLabel`).
 */
export const legendMappings = pgTable(
  'legend_mappings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** The wording as the estimator sent it (shown back). */
    label: text('label').notNull(),
    normalizedLabel: text('normalized_label').notNull(),
    type: text('type').$type<DeviceType>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('legend_mappings_org_label_idx').on(t.organisationId, t.normalizedLabel)],
);
export type LegendMappingRow = typeof legendMappings.$inferSelect;
