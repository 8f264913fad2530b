import { agentOrchestrations, agentRuns, type Db } from '@saeq/shared/db';
import { type AgentRunJob, orchestrationFlow } from '@saeq/shared/queues';
import type { FlowProducer, Queue } from 'bullmq';
import { and, asc, eq, inArray } from 'drizzle-orm';

const liveStates = new Set(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children', 'wait']);

/**
 * Puts an orchestration back in BullMQ after its flow was lost (the gateway died between the
 * rows and the flow, Redis lost its data, a job was removed by hand): when none of its unsettled
 * runs has a live job and its synthesis is still unsettled, the flow of the unsettled runs is
 * added again — members already answered are left out (their answers are read from Postgres),
 * the order and the synthesis-last rule kept. Returns false when there is nothing to rebuild
 * (the run is not in an orchestration, part of the flow is still live, or only members are
 * left after the synthesis settled): the reconciler then re-adds the run's own job.
 */
export async function rebuildOrchestrationFlow(opts: {
  db: Db;
  flows: FlowProducer;
  queue: Queue;
  prefix: string;
  orchestrationId: string;
}): Promise<boolean> {
  const { db } = opts;
  const orchestration = (
    await db
      .select({ mode: agentOrchestrations.mode })
      .from(agentOrchestrations)
      .where(eq(agentOrchestrations.id, opts.orchestrationId))
  )[0];
  if (!orchestration) return false;
  const unsettled = await db
    .select({
      id: agentRuns.id,
      organisationId: agentRuns.organisationId,
      agentId: agentRuns.agentId,
      role: agentRuns.orchestrationRole,
    })
    .from(agentRuns)
    .where(
      and(
        eq(agentRuns.orchestrationId, opts.orchestrationId),
        inArray(agentRuns.status, ['queued', 'processing']),
      ),
    )
    .orderBy(asc(agentRuns.orchestrationStep));
  const synthesis = unsettled.find((r) => r.role === 'synthesis');
  if (!synthesis) return false;
  const jobs = await Promise.all(unsettled.map((r) => opts.queue.getJob(r.id)));
  const states = await Promise.all(jobs.map((j) => (j ? j.getState() : Promise.resolve('missing'))));
  if (states.some((s) => liveStates.has(s))) return false;
  // Finished jobs of unsettled runs go first: BullMQ keeps job ids unique.
  await Promise.all(jobs.map((j) => j?.remove().catch(() => {})));
  const payload = (r: (typeof unsettled)[number]): AgentRunJob => ({
    runId: r.id,
    organisationId: r.organisationId,
    agentId: r.agentId,
  });
  await opts.flows.add(
    orchestrationFlow({
      mode: orchestration.mode,
      prefix: opts.prefix,
      members: unsettled.filter((r) => r.role === 'member').map(payload),
      synthesis: payload(synthesis),
    }),
  );
  return true;
}
