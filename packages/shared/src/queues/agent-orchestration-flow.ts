import type { FlowJob, JobsOptions } from 'bullmq';
import type { OrchestrationMode } from '../db/schema/agent-orchestrations.ts';
import { type AgentRunJob, agentRunQueue } from './agent-run.ts';

/**
 * The BullMQ flow of an orchestration (issue 19). Every node is an ordinary agent-run job (its
 * job id is the run's id, its record the run's row), so the agent-run processor, its retries,
 * stalled-job recovery and the reconciler apply to each as to any run. The project manager's
 * synthesis run is the root: BullMQ starts it only once every member job has finished.
 *
 * - parallel: the members are the root's direct children and run side by side;
 * - sequential: the members form a chain under the root (member k is the parent of member
 *   k−1), so member k starts only after member k−1 finished and reads its answer from Postgres.
 *   One tree, added atomically, rather than one flow per step: nothing has to enqueue the next
 *   step, so no step can be lost between two jobs.
 *
 * Members carry `ignoreDependencyOnFailure`: a member that fails for good (after its attempts)
 * is moved to its parent's failed dependencies instead of failing the parent, so the next step
 * and the synthesis still run with the answers that exist (the failure is on the member's row).
 *
 * `members` may be a subset of the orchestration's members (the reconciler rebuilds the flow
 * of the runs not settled yet); they must be in step order.
 */
export function orchestrationFlow(opts: {
  mode: OrchestrationMode;
  prefix: string;
  members: AgentRunJob[];
  synthesis: AgentRunJob;
}): FlowJob {
  const node = (job: AgentRunJob, extra: JobsOptions, children?: FlowJob[]): FlowJob => ({
    name: agentRunQueue.name,
    queueName: agentRunQueue.name,
    prefix: opts.prefix,
    data: agentRunQueue.payload.parse(job),
    opts: { ...agentRunQueue.defaultJobOptions, ...extra, jobId: job.runId },
    ...(children && children.length > 0 ? { children } : {}),
  });
  const member = (job: AgentRunJob, children?: FlowJob[]) =>
    node(job, { ignoreDependencyOnFailure: true }, children);

  if (opts.mode === 'parallel') {
    return node(
      opts.synthesis,
      {},
      opts.members.map((m) => member(m)),
    );
  }
  let chain: FlowJob | undefined;
  for (const m of opts.members) chain = member(m, chain ? [chain] : undefined);
  return node(opts.synthesis, {}, chain ? [chain] : undefined);
}
