import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';

export type OrchestrationMode = 'parallel' | 'sequential';

/**
 * One question handed to several agents (issue 19). The orchestration holds only what was asked;
 * its progress is its agent runs (`agent_runs.orchestration_id`): one member run per agent and
 * the project manager's synthesis run. Status, answers and usage are read from those rows, so
 * there is no second copy of the state to keep in step.
 */
export const agentOrchestrations = pgTable(
  'agent_orchestrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    message: text('message').notNull(),
    lang: text('lang').$type<'fr' | 'en'>().notNull().default('fr'),
    planId: uuid('plan_id'),
    mode: text('mode').$type<OrchestrationMode>().notNull(),
    /** The member agents in the order asked (the order sequential mode runs them in). */
    agentIds: jsonb('agent_ids').$type<string[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agent_orchestrations_org_idx').on(t.organisationId, t.createdAt)],
);
export type AgentOrchestration = typeof agentOrchestrations.$inferSelect;
