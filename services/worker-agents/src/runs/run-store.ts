import { type AgentRun, type AgentUsage, agentRuns, type Db, type ToolCallRecord } from '@saeq/shared/db';
import { and, eq, ne } from 'drizzle-orm';

/** Agent run state in Postgres; a finished run is never reopened by a duplicate delivery. */

export async function loadRun(db: Db, runId: string): Promise<AgentRun | null> {
  const rows = await db.select().from(agentRuns).where(eq(agentRuns.id, runId));
  return rows[0] ?? null;
}

export async function markRunProcessing(db: Db, runId: string, attempt: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(agentRuns)
    .set({ status: 'processing', attempts: attempt, startedAt: now, updatedAt: now })
    .where(and(eq(agentRuns.id, runId), ne(agentRuns.status, 'completed')))
    .returning({ id: agentRuns.id });
  return rows.length > 0;
}

export async function completeRun(
  db: Db,
  runId: string,
  outcome: {
    answer: string;
    toolCalls: ToolCallRecord[];
    usage: AgentUsage;
    model: string | null;
    mode: 'llm' | 'offline';
  },
  now: Date,
): Promise<void> {
  await db
    .update(agentRuns)
    .set({ status: 'completed', ...outcome, error: null, finishedAt: now, updatedAt: now })
    .where(eq(agentRuns.id, runId));
}

export async function failRun(
  db: Db,
  runId: string,
  error: { code: string; message: string },
  now: Date,
): Promise<void> {
  await db
    .update(agentRuns)
    .set({ status: 'failed', error, finishedAt: now, updatedAt: now })
    .where(and(eq(agentRuns.id, runId), ne(agentRuns.status, 'completed')));
}

export async function requeueRun(
  db: Db,
  runId: string,
  error: { code: string; message: string },
  now: Date,
): Promise<void> {
  await db
    .update(agentRuns)
    .set({ status: 'queued', error, updatedAt: now })
    .where(and(eq(agentRuns.id, runId), eq(agentRuns.status, 'processing')));
}

/**
 * The conversation's earlier turns, oldest first: a run's `conversationId` names the run it
 * continues, which may itself continue another.
 */
export async function conversationHistory(
  db: Db,
  organisationId: string,
  fromRunId: string | null,
  maxTurns = 20,
) {
  const turns: { user: string; assistant: string }[] = [];
  let cursor = fromRunId;
  while (cursor && turns.length < maxTurns) {
    const rows = await db
      .select()
      .from(agentRuns)
      .where(and(eq(agentRuns.id, cursor), eq(agentRuns.organisationId, organisationId)));
    const run = rows[0];
    if (!run) break;
    if (run.answer) turns.unshift({ user: run.message, assistant: run.answer });
    cursor = run.conversationId;
  }
  return turns;
}
