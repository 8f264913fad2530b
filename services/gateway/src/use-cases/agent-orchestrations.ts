import { randomUUID } from 'node:crypto';
import { getAgent, MAX_ORCHESTRATION_AGENTS, SYNTHESIS_AGENT_ID } from '@saeq/agents';
import {
  type AgentOrchestration,
  type AgentRun,
  agentOrchestrations,
  agentRuns,
  type Db,
  plans,
} from '@saeq/shared/db';
import { AppError, type FieldError } from '@saeq/shared/errors';
import type { Lang } from '@saeq/shared/i18n';
import { orchestrationFlow } from '@saeq/shared/queues';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { GatewayDeps } from '../deps.ts';
import { agentRunView } from './agent-runs.ts';

export const OrchestrationRequest = z.strictObject({
  message: z.string().trim().min(1).max(20_000),
  /** Agent ids from GET /v1/agents; known and unique are checked by `checkAgents` (localised). */
  agents: z.array(z.string().max(64)).min(1).max(MAX_ORCHESTRATION_AGENTS),
  planId: z.uuid().optional(),
  mode: z.enum(['parallel', 'sequential']),
});
export type OrchestrationRequest = z.infer<typeof OrchestrationRequest>;

/** Unknown and repeated agent ids, one field error each (400 validation_failed). */
export function checkAgents(agents: string[]): void {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  agents.forEach((id, i) => {
    const shown = id.slice(0, 64);
    if (!getAgent(id))
      errors.push({
        path: `agents.${i}`,
        message: {
          fr: `Agent inconnu : « ${shown} » (voir GET /v1/agents).`,
          en: `Unknown agent: "${shown}" (see GET /v1/agents).`,
        },
      });
    else if (seen.has(id))
      errors.push({
        path: `agents.${i}`,
        message: {
          fr: `Agent en double : « ${shown} » (chaque agent au plus une fois).`,
          en: `Duplicate agent: "${shown}" (each agent at most once).`,
        },
      });
    seen.add(id);
  });
  if (errors.length > 0) throw new AppError('validation_failed', { errors });
}

/**
 * Records the orchestration and its runs (one member run per agent, then the project manager's
 * synthesis run) in one transaction, then adds them to BullMQ as one flow (atomic in Redis).
 * If the flow cannot be added the rows are removed (503); if the process dies in between, the
 * worker's reconciler adds the flow from the rows (worker-agents runs/orchestration-flow.ts).
 */
export async function submitOrchestration(
  deps: GatewayDeps,
  organisationId: string,
  request: OrchestrationRequest,
  lang: Lang,
  requestId: string,
): Promise<{ id: string; runIds: string[] }> {
  checkAgents(request.agents);
  const db = deps.db.db;
  if (request.planId) {
    const owned = await db
      .select({ id: plans.id })
      .from(plans)
      .where(and(eq(plans.id, request.planId), eq(plans.organisationId, organisationId)));
    if (owned.length === 0)
      throw new AppError('not_found', { detail: { fr: 'Plan introuvable.', en: 'Plan not found.' } });
  }
  const id = randomUUID();
  const common = {
    organisationId,
    message: request.message,
    lang,
    planId: request.planId ?? null,
    orchestrationId: id,
  };
  const members = request.agents.map((agentId, step) => ({
    ...common,
    id: randomUUID(),
    agentId,
    orchestrationRole: 'member' as const,
    orchestrationStep: step,
  }));
  const synthesis = {
    ...common,
    id: randomUUID(),
    agentId: SYNTHESIS_AGENT_ID,
    orchestrationRole: 'synthesis' as const,
    orchestrationStep: members.length,
  };
  await db.transaction(async (tx) => {
    await tx.insert(agentOrchestrations).values({
      id,
      organisationId,
      message: request.message,
      lang,
      planId: request.planId ?? null,
      mode: request.mode,
      agentIds: request.agents,
    });
    await tx.insert(agentRuns).values([...members, synthesis]);
  });
  const job = (run: { id: string; agentId: string }) => ({
    runId: run.id,
    organisationId,
    agentId: run.agentId,
    requestId,
  });
  try {
    await deps.flows.add(
      orchestrationFlow({
        mode: request.mode,
        prefix: deps.env.QUEUE_PREFIX,
        members: members.map(job),
        synthesis: job(synthesis),
      }),
    );
  } catch (err) {
    // The runs go with it (on delete cascade).
    await db
      .delete(agentOrchestrations)
      .where(eq(agentOrchestrations.id, id))
      .catch(() => {});
    throw new AppError('dependency_unavailable', { headers: { 'Retry-After': '5' }, cause: err });
  }
  return { id, runIds: [...members, synthesis].map((r) => r.id) };
}

export type OrchestrationRuns = {
  orchestration: AgentOrchestration;
  members: AgentRun[];
  synthesis: AgentRun | null;
};

/** The orchestration and its runs in step order; another organisation's is a 404. */
export async function findOrchestration(
  db: Db,
  organisationId: string,
  id: string,
): Promise<OrchestrationRuns> {
  const rows = await db
    .select()
    .from(agentOrchestrations)
    .where(and(eq(agentOrchestrations.id, id), eq(agentOrchestrations.organisationId, organisationId)));
  const orchestration = rows[0];
  if (!orchestration) throw new AppError('not_found');
  const runs = await db
    .select()
    .from(agentRuns)
    .where(eq(agentRuns.orchestrationId, id))
    .orderBy(asc(agentRuns.orchestrationStep));
  return {
    orchestration,
    members: runs.filter((r) => r.orchestrationRole === 'member'),
    synthesis: runs.find((r) => r.orchestrationRole === 'synthesis') ?? null,
  };
}

export type OrchestrationStatus = 'queued' | 'processing' | 'completed' | 'failed';

/**
 * Settled with its synthesis: completed when the synthesis was written (even if some members
 * failed — they are listed with their errors), failed when the synthesis itself failed.
 */
export function orchestrationStatus(runs: {
  members: Pick<AgentRun, 'status'>[];
  synthesis: Pick<AgentRun, 'status'> | null;
}): OrchestrationStatus {
  const synthesis = runs.synthesis?.status;
  if (synthesis === 'completed' || synthesis === 'failed') return synthesis;
  const all = [...runs.members, ...(runs.synthesis ? [runs.synthesis] : [])];
  return all.some((r) => r.status !== 'queued') ? 'processing' : 'queued';
}

const usageKeys = ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheCreationTokens'] as const;

/** Token usage and estimated cost summed over every run (members and synthesis). */
export function summedUsage(runs: AgentRun[]) {
  const total = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, costUsd: 0 };
  for (const run of runs) {
    for (const key of usageKeys) total[key] += run.usage?.[key] ?? 0;
    total.costUsd += run.usage?.costUsd ?? 0;
  }
  return { ...total, costUsd: Math.round(total.costUsd * 1_000_000) / 1_000_000 };
}

export function orchestrationView({ orchestration, members, synthesis }: OrchestrationRuns) {
  const lang = orchestration.lang;
  const all = [...members, ...(synthesis ? [synthesis] : [])];
  const finished = all.map((r) => r.finishedAt?.getTime() ?? 0);
  const status = orchestrationStatus({ members, synthesis });
  return {
    id: orchestration.id,
    status,
    mode: orchestration.mode,
    message: orchestration.message,
    planId: orchestration.planId,
    agents: orchestration.agentIds,
    children: members.map((run) => ({
      ...agentRunView(run),
      step: run.orchestrationStep ?? 0,
      agentName: getAgent(run.agentId)?.name[lang] ?? run.agentId,
    })),
    synthesis: synthesis ? agentRunView(synthesis) : null,
    counts: {
      completed: members.filter((r) => r.status === 'completed').length,
      failed: members.filter((r) => r.status === 'failed').length,
      pending: members.filter((r) => r.status === 'queued' || r.status === 'processing').length,
    },
    usage: summedUsage(all),
    createdAt: orchestration.createdAt.toISOString(),
    finishedAt:
      status === 'completed' || status === 'failed' ? new Date(Math.max(...finished)).toISOString() : null,
  };
}

/** The organisation's latest orchestrations (newest first), with their status (two queries). */
export async function listOrchestrations(db: Db, organisationId: string, limit: number) {
  const rows = await db
    .select()
    .from(agentOrchestrations)
    .where(eq(agentOrchestrations.organisationId, organisationId))
    .orderBy(desc(agentOrchestrations.createdAt))
    .limit(limit);
  const runs =
    rows.length === 0
      ? []
      : await db
          .select({
            orchestrationId: agentRuns.orchestrationId,
            role: agentRuns.orchestrationRole,
            status: agentRuns.status,
          })
          .from(agentRuns)
          .where(
            inArray(
              agentRuns.orchestrationId,
              rows.map((r) => r.id),
            ),
          );
  return {
    items: rows.map((orchestration) => {
      const own = runs.filter((r) => r.orchestrationId === orchestration.id);
      return {
        id: orchestration.id,
        status: orchestrationStatus({
          members: own.filter((r) => r.role === 'member'),
          synthesis: own.find((r) => r.role === 'synthesis') ?? null,
        }),
        mode: orchestration.mode,
        message: orchestration.message,
        agents: orchestration.agentIds,
        createdAt: orchestration.createdAt.toISOString(),
      };
    }),
  };
}
