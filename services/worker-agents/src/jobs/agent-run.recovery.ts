import { agentRuns, type Db, type StageError } from '@saeq/shared/db';
import { errorMessages } from '@saeq/shared/errors';
import type { Logger } from '@saeq/shared/logger';
import type { Metrics } from '@saeq/shared/metrics';
import type { ReconcileSource, UnsettledRecord } from '@saeq/shared/worker-runtime';
import type { FlowProducer } from 'bullmq';
import { and, inArray, lt } from 'drizzle-orm';
import { rebuildOrchestrationFlow } from '../runs/orchestration-flow.ts';
import { type EventPublisher, RunEventLog } from '../runs/run-events.ts';
import { finishRun, loadRun } from '../runs/run-store.ts';

/**
 * agent-run besides its processor: failing a run whose job BullMQ failed without the processor
 * recording it (stalled limit: the worker died on every attempt), with its terminal status event
 * as the processor would write it; and the runs Postgres shows unsettled, for the reconciler
 * (e.g. the gateway died between the row and the job); an orchestration's runs whose flow was
 * lost are added again as a flow, so the synthesis still comes last.
 */
export function agentRunRecovery(deps: {
  db: Db;
  metrics: Pick<Metrics, 'agentRuns'>;
  now: () => Date;
  queuePrefix: string;
  publisher: EventPublisher | null;
  log: Pick<Logger<'http'>, 'warn'>;
  /** Adds an orchestration's flow again when it was lost (see rebuildOrchestrationFlow). */
  flows: FlowProducer;
}): {
  settleFailure: (data: unknown, error: StageError) => Promise<void>;
  reconcile: ReconcileSource;
} {
  const { db } = deps;
  return {
    settleFailure: async (data, error) => {
      const runId = runIdOf(data);
      const run = runId ? await loadRun(db, runId) : null;
      if (!run || run.status === 'completed' || run.status === 'failed') return;
      // The run's own language for the crash message (other codes keep the recorded reason).
      const localised =
        error.code === 'worker_crashed'
          ? { code: error.code, message: errorMessages.worker_crashed[run.lang].detail }
          : error;
      const events = await RunEventLog.open({
        db,
        runId: run.id,
        queuePrefix: deps.queuePrefix,
        publisher: deps.publisher,
        log: deps.log,
        now: deps.now,
      });
      const event = { status: 'failed', error: localised, stopReason: 'worker_crashed' };
      await events.terminal(event, (seq) =>
        finishRun(
          db,
          run.id,
          { status: 'failed', outcome: { stopReason: 'worker_crashed' }, error: localised },
          { seq, data: event },
          deps.now(),
        ),
      );
      deps.metrics.agentRuns.inc({ agent: run.agentId, status: 'failed', mode: run.mode ?? 'offline' });
    },
    reconcile: {
      listUnsettled: async (before, limit) => {
        const rows = await db
          .select({ id: agentRuns.id, organisationId: agentRuns.organisationId, agentId: agentRuns.agentId })
          .from(agentRuns)
          .where(and(inArray(agentRuns.status, ['queued', 'processing']), lt(agentRuns.updatedAt, before)))
          .orderBy(agentRuns.updatedAt)
          .limit(limit);
        return rows.map(
          (r): UnsettledRecord => ({
            jobId: r.id,
            payload: { runId: r.id, organisationId: r.organisationId, agentId: r.agentId },
          }),
        );
      },
      requeue: async (record, queue) => {
        const runId = runIdOf(record.payload);
        const run = runId ? await loadRun(db, runId) : null;
        if (!run?.orchestrationId) return false;
        return rebuildOrchestrationFlow({
          db,
          flows: deps.flows,
          queue,
          prefix: deps.queuePrefix,
          orchestrationId: run.orchestrationId,
        });
      },
      isUnsettled: async (record) => {
        const runId = runIdOf(record.payload);
        const run = runId ? await loadRun(db, runId) : null;
        return run?.status === 'queued' || run?.status === 'processing';
      },
    },
  };
}

function runIdOf(data: unknown): string | null {
  const runId = data && typeof data === 'object' ? (data as { runId?: unknown }).runId : undefined;
  return typeof runId === 'string' ? runId : null;
}
