import { getAgent, type MemberOutcome, sequentialMemberMessage, synthesisMessage } from '@saeq/agents';
import { type AgentRun, agentOrchestrations, agentRuns, type Db } from '@saeq/shared/db';
import { and, asc, eq } from 'drizzle-orm';

/** The member runs of an orchestration before `beforeStep` (all when omitted), in step order. */
export async function memberOutcomes(
  db: Db,
  run: Pick<AgentRun, 'orchestrationId' | 'lang'>,
  beforeStep?: number,
): Promise<MemberOutcome[]> {
  if (!run.orchestrationId) return [];
  const rows = await db
    .select({
      agentId: agentRuns.agentId,
      step: agentRuns.orchestrationStep,
      status: agentRuns.status,
      answer: agentRuns.answer,
      error: agentRuns.error,
    })
    .from(agentRuns)
    .where(and(eq(agentRuns.orchestrationId, run.orchestrationId), eq(agentRuns.orchestrationRole, 'member')))
    .orderBy(asc(agentRuns.orchestrationStep));
  return rows
    .filter((r) => beforeStep === undefined || (r.step ?? 0) < beforeStep)
    .map((r) => ({
      agentId: r.agentId,
      agentName: getAgent(r.agentId)?.name[run.lang] ?? r.agentId,
      status: r.status,
      answer: r.answer,
      error: r.error,
    }));
}

/**
 * What an orchestration's run asks its model (read when the run starts, from Postgres): a
 * parallel member the question alone; a sequential member the question with the answers before
 * it; the synthesis the question with every member's answer or error. Null for a run outside
 * an orchestration (its message is the user's).
 */
export async function orchestrationMessage(db: Db, run: AgentRun): Promise<string | null> {
  if (!run.orchestrationId) return null;
  if (run.orchestrationRole === 'synthesis')
    return synthesisMessage(run.message, await memberOutcomes(db, run));
  const rows = await db
    .select({ mode: agentOrchestrations.mode })
    .from(agentOrchestrations)
    .where(eq(agentOrchestrations.id, run.orchestrationId));
  if (rows[0]?.mode !== 'sequential') return run.message;
  return sequentialMemberMessage(run.message, await memberOutcomes(db, run, run.orchestrationStep ?? 0));
}
