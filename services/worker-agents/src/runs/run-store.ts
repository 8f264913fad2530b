import {
  type AgentRun,
  type AgentUsage,
  agentRunEvents,
  agentRuns,
  type Db,
  type StageError,
  type ToolCallRecord,
} from '@saeq/shared/db';
import { and, eq, ne, sql } from 'drizzle-orm';

/** Agent run state in Postgres; a finished run is never reopened by a duplicate delivery. */

export async function loadRun(db: Db, runId: string): Promise<AgentRun | null> {
  const rows = await db.select().from(agentRuns).where(eq(agentRuns.id, runId));
  return rows[0] ?? null;
}

/** Marks the run processing (keeping the first start time); false when it already finished. */
export async function markRunProcessing(db: Db, runId: string, attempt: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(agentRuns)
    .set({
      status: 'processing',
      attempts: attempt,
      startedAt: sql`coalesce(${agentRuns.startedAt}, ${now.toISOString()}::timestamptz)`,
      updatedAt: now,
    })
    .where(and(eq(agentRuns.id, runId), ne(agentRuns.status, 'completed'), ne(agentRuns.status, 'failed')))
    .returning({ id: agentRuns.id });
  return rows.length > 0;
}

export type RunOutcome = {
  answer: string | null;
  toolCalls: ToolCallRecord[];
  usage: AgentUsage;
  model: string | null;
  mode: 'llm' | 'offline';
  stopReason: string;
};

/** The run's final state and its terminal status event, in one transaction. */
export async function finishRun(
  db: Db,
  runId: string,
  finish:
    | { status: 'completed'; outcome: RunOutcome }
    | { status: 'failed'; outcome: Partial<RunOutcome>; error: StageError },
  event: { seq: number; data: unknown },
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(agentRuns)
      .set({
        status: finish.status,
        ...finish.outcome,
        error: finish.status === 'failed' ? finish.error : null,
        finishedAt: now,
        updatedAt: now,
      })
      .where(
        finish.status === 'failed'
          ? and(eq(agentRuns.id, runId), ne(agentRuns.status, 'completed'))
          : eq(agentRuns.id, runId),
      );
    await tx
      .insert(agentRunEvents)
      .values({ runId, seq: event.seq, type: 'status', data: event.data })
      .onConflictDoNothing();
  });
}

/**
 * Back to `queued` for a retry or a delay. Usage so far is kept (tokens spent are spent) and
 * the reason is recorded.
 */
export async function requeueRun(
  db: Db,
  runId: string,
  state: { error: StageError; usage?: AgentUsage },
  now: Date,
): Promise<void> {
  await db
    .update(agentRuns)
    .set({
      status: 'queued',
      error: state.error,
      ...(state.usage ? { usage: state.usage } : {}),
      updatedAt: now,
    })
    .where(and(eq(agentRuns.id, runId), eq(agentRuns.status, 'processing')));
}

/**
 * The conversation's earlier turns, oldest first: a run's `conversationId` names the run it
 * continues, which may itself continue another. Only the organisation's runs, only answered
 * turns; at most `maxTurns`.
 */
export async function conversationHistory(
  db: Db,
  organisationId: string,
  fromRunId: string | null,
  maxTurns = 20,
): Promise<{ user: string; assistant: string }[]> {
  const turns: { user: string; assistant: string }[] = [];
  const seen = new Set<string>();
  let cursor = fromRunId;
  while (cursor && turns.length < maxTurns && !seen.has(cursor)) {
    seen.add(cursor);
    const rows = await db
      .select({
        message: agentRuns.message,
        answer: agentRuns.answer,
        conversationId: agentRuns.conversationId,
      })
      .from(agentRuns)
      .where(and(eq(agentRuns.id, cursor), eq(agentRuns.organisationId, organisationId)));
    const run = rows[0];
    if (!run) break;
    if (run.answer) turns.unshift({ user: run.message, assistant: run.answer });
    cursor = run.conversationId;
  }
  return turns;
}
