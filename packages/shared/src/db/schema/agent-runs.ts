import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agentOrchestrations } from './agent-orchestrations.ts';
import { organisations } from './organisations.ts';
import type { StageError, StageStatus } from './plans.ts';

export type ToolCallRecord = { name: string; input: unknown; output: unknown; durationMs?: number };
export type AgentUsage = {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
  /** Estimated cost in US dollars from the configured price table, when known. */
  costUsd?: number;
};

export const agentRuns = pgTable(
  'agent_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    agentId: text('agent_id').notNull(),
    status: text('status').$type<StageStatus>().notNull().default('queued'),
    message: text('message').notNull(),
    lang: text('lang').$type<'fr' | 'en'>().notNull().default('fr'),
    planId: uuid('plan_id'),
    conversationId: uuid('conversation_id'),
    callbackUrl: text('callback_url'),
    /** Set when the run is part of an orchestration (issue 19). */
    orchestrationId: uuid('orchestration_id').references(() => agentOrchestrations.id, {
      onDelete: 'cascade',
    }),
    /** `member`: one of the asked agents; `synthesis`: the project manager combining their answers. */
    orchestrationRole: text('orchestration_role').$type<'member' | 'synthesis'>(),
    /** A member's position in the orchestration's agent list (sequential order); synthesis: the count. */
    orchestrationStep: integer('orchestration_step'),
    /** Why the run stopped: end_turn, max_steps, token_budget, time_limit, … */
    stopReason: text('stop_reason'),
    answer: text('answer'),
    toolCalls: jsonb('tool_calls').$type<ToolCallRecord[]>().notNull().default([]),
    usage: jsonb('usage').$type<AgentUsage>(),
    model: text('model'),
    mode: text('mode').$type<'llm' | 'offline'>(),
    error: jsonb('error').$type<StageError>(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('agent_runs_org_idx').on(t.organisationId, t.createdAt),
    index('agent_runs_orchestration_idx')
      .on(t.orchestrationId, t.orchestrationStep)
      .where(sql`${t.orchestrationId} is not null`),
    // The reconciler's scan of unsettled runs (worker-agents/src/jobs/agent-run.recovery.ts).
    index('agent_runs_unsettled_idx').on(t.updatedAt).where(sql`${t.status} in ('queued', 'processing')`),
  ],
);
export type AgentRun = typeof agentRuns.$inferSelect;
