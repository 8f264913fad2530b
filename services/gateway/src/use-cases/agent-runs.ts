import { type AgentDefinition, getAgent } from '@saeq/agents';
import { type AgentRun, agentRuns, type Db, plans } from '@saeq/shared/db';
import { AppError } from '@saeq/shared/errors';
import type { Lang } from '@saeq/shared/i18n';
import { enqueue, queues } from '@saeq/shared/queues';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { GatewayDeps } from '../deps.ts';

export const AgentRunRequest = z.strictObject({
  message: z.string().trim().min(1).max(20_000),
  planId: z.uuid().optional(),
  conversationId: z.uuid().optional(),
});
export type AgentRunRequest = z.infer<typeof AgentRunRequest>;

export function agentOr404(agentId: string): AgentDefinition {
  const agent = getAgent(agentId);
  if (!agent)
    throw new AppError('not_found', {
      detail: { fr: `Agent inconnu : ${agentId.slice(0, 64)}`, en: `Unknown agent: ${agentId.slice(0, 64)}` },
    });
  return agent;
}

export async function submitAgentRun(
  deps: GatewayDeps,
  organisationId: string,
  agent: AgentDefinition,
  request: AgentRunRequest,
  lang: Lang,
  requestId: string,
) {
  const db = deps.db.db;
  if (request.planId) {
    const owned = await db
      .select({ id: plans.id })
      .from(plans)
      .where(and(eq(plans.id, request.planId), eq(plans.organisationId, organisationId)));
    if (owned.length === 0)
      throw new AppError('not_found', { detail: { fr: 'Plan introuvable.', en: 'Plan not found.' } });
  }
  if (request.conversationId) {
    const owned = await db
      .select({ id: agentRuns.id })
      .from(agentRuns)
      .where(and(eq(agentRuns.id, request.conversationId), eq(agentRuns.organisationId, organisationId)));
    if (owned.length === 0)
      throw new AppError('not_found', {
        detail: { fr: 'Conversation introuvable.', en: 'Conversation not found.' },
      });
  }
  const [run] = await db
    .insert(agentRuns)
    .values({
      organisationId,
      agentId: agent.id,
      message: request.message,
      lang,
      planId: request.planId ?? null,
      conversationId: request.conversationId ?? null,
    })
    .returning();
  if (!run) throw new Error('agent run insert returned nothing');
  try {
    await enqueue(
      deps.queues.agentRun,
      queues.agentRun,
      { runId: run.id, organisationId, agentId: agent.id, requestId },
      { jobId: run.id },
    );
  } catch (err) {
    await db
      .delete(agentRuns)
      .where(eq(agentRuns.id, run.id))
      .catch(() => {});
    throw new AppError('dependency_unavailable', { headers: { 'Retry-After': '5' }, cause: err });
  }
  return run;
}

export async function findAgentRun(db: Db, organisationId: string, runId: string): Promise<AgentRun> {
  const rows = await db
    .select()
    .from(agentRuns)
    .where(and(eq(agentRuns.id, runId), eq(agentRuns.organisationId, organisationId)));
  if (!rows[0]) throw new AppError('not_found');
  return rows[0];
}

export function agentRunView(run: AgentRun) {
  const usage = run.usage ?? { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 };
  return {
    id: run.id,
    agentId: run.agentId,
    status: run.status,
    message: run.message,
    planId: run.planId,
    conversationId: run.conversationId,
    answer: run.answer,
    toolCalls: run.toolCalls,
    usage,
    model: run.model,
    mode: run.mode,
    stopReason: run.stopReason,
    ...(run.error ? { error: run.error } : {}),
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
