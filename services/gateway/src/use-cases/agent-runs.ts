import { randomUUID } from 'node:crypto';
import { type AgentDefinition, getAgent } from '@saeq/agents';
import { type AgentRun, agentRuns, type Db, plans } from '@saeq/shared/db';
import { AppError } from '@saeq/shared/errors';
import type { Lang } from '@saeq/shared/i18n';
import { queues } from '@saeq/shared/queues';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { GatewayDeps } from '../deps.ts';
import { MicroBatcher } from './micro-batcher.ts';

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
  return agentRunBatcher(deps).submit({
    row: {
      organisationId,
      agentId: agent.id,
      message: request.message,
      lang,
      planId: request.planId ?? null,
      conversationId: request.conversationId ?? null,
    },
    requestId,
  });
}

type NewRun = {
  row: Pick<AgentRun, 'organisationId' | 'agentId' | 'message' | 'lang' | 'planId' | 'conversationId'>;
  requestId: string;
};
type QueuedRun = Pick<AgentRun, 'id' | 'organisationId' | 'agentId'>;
const batchers = new WeakMap<GatewayDeps, MicroBatcher<NewRun, QueuedRun>>();

/**
 * A group of runs in one statement whose text does not depend on the group's size: one array per
 * column, unnested by Postgres. drizzle's builder made a new multi-row INSERT for every group
 * (~8 % of the enqueue path's CPU in the bench/enqueue.ts profile). Ids are chosen here, so no
 * RETURNING (and no reliance on its row order) is needed.
 */
async function insertRuns(db: Db, runs: (NewRun['row'] & { id: string })[]): Promise<void> {
  // One bound parameter per column (`sql.param`): a bare array in drizzle's template would be
  // spread into a list of parameters.
  const column = <K extends keyof (typeof runs)[number]>(key: K) => sql.param(runs.map((r) => r[key]));
  await db.execute(sql`
    insert into agent_runs (id, organisation_id, agent_id, message, lang, plan_id, conversation_id)
    select * from unnest(
      ${column('id')}::uuid[], ${column('organisationId')}::uuid[], ${column('agentId')}::text[],
      ${column('message')}::text[], ${column('lang')}::text[], ${column('planId')}::uuid[],
      ${column('conversationId')}::uuid[]
    )`);
}

/**
 * Runs are recorded durably before they are queued (a 202 is never a lost job), in groups: one
 * multi-row INSERT and one addBulk per ~2 ms of concurrent requests. If queuing fails the rows
 * are removed (all or nothing); the batcher then tries each request of the group alone, so only
 * the requests that fail on their own get their error (503 when the queue is unavailable).
 */
function agentRunBatcher(deps: GatewayDeps): MicroBatcher<NewRun, QueuedRun> {
  let batcher = batchers.get(deps);
  if (!batcher) {
    batcher = new MicroBatcher<NewRun, QueuedRun>(
      async (items) => {
        const runs = items.map((i) => ({ ...i.row, id: randomUUID() }));
        await insertRuns(deps.db.db, runs);
        const rows: QueuedRun[] = runs.map(({ id, organisationId, agentId }) => ({
          id,
          organisationId,
          agentId,
        }));
        try {
          const jobs = rows.map((run, i) => ({
            name: queues.agentRun.name,
            data: queues.agentRun.payload.parse({
              runId: run.id,
              organisationId: run.organisationId,
              agentId: run.agentId,
              requestId: items[i]?.requestId,
            }),
            opts: { ...queues.agentRun.defaultJobOptions, jobId: run.id },
          }));
          await deps.queues.agentRun.addBulk(jobs);
        } catch (err) {
          await deps.db.db
            .delete(agentRuns)
            .where(
              inArray(
                agentRuns.id,
                rows.map((r) => r.id),
              ),
            )
            .catch(() => {});
          throw new AppError('dependency_unavailable', { headers: { 'Retry-After': '5' }, cause: err });
        }
        return rows;
      },
      { windowMs: 2, maxBatch: 128 },
    );
    batchers.set(deps, batcher);
  }
  return batcher;
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
