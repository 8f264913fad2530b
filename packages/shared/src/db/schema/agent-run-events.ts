import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { agentRuns } from './agent-runs.ts';

export const agentRunEventTypes = ['status', 'tool_call', 'text', 'answer', 'error'] as const;
export type AgentRunEventType = (typeof agentRunEventTypes)[number];

/**
 * What happened during an agent run, in order (`seq` per run): status changes, tool calls and
 * answer text as it arrives. The SSE endpoint replays these, then follows live ones.
 */
export const agentRunEvents = pgTable(
  'agent_run_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => agentRuns.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    type: text('type').$type<AgentRunEventType>().notNull(),
    data: jsonb('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('agent_run_events_run_seq').on(t.runId, t.seq),
    index('agent_run_events_run_idx').on(t.runId, t.seq),
  ],
);
export type AgentRunEvent = typeof agentRunEvents.$inferSelect;
