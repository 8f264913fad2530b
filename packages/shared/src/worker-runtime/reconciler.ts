import type { Job, Queue } from 'bullmq';
import type { StageError } from '../db/schema/plans.ts';
import { errorMessages } from '../errors/messages.ts';
import type { Logger } from '../logger/index.ts';
import { enqueue } from '../queues/index.ts';
import type { QueueDefinition } from '../queues/queue-definition.ts';

/**
 * Repairs the gap between Postgres (what clients see) and BullMQ (what will run): a record
 * Postgres shows `queued` or `processing` must have a live job, or nothing will ever settle it.
 * That happens when a process dies between writing the row and adding its job (the gateway), when
 * a job is removed by hand, or when BullMQ fails a job outside its processor (stalled limit) and
 * recording that failed too. Each such record is queued again under its deterministic job id,
 * or, when its job failed for good, marked failed.
 */

/** One record Postgres shows unsettled, with its job id and the payload to queue it again. */
export type UnsettledRecord = { jobId: string; payload: Record<string, unknown> };

/** A queue's records, as Postgres sees them. */
export type ReconcileSource = {
  /** Records queued or processing whose last change is older than `before` (oldest first). */
  listUnsettled(before: Date, limit: number): Promise<UnsettledRecord[]>;
  /** Re-read after the job's state, so a job that settled it meanwhile is left alone. */
  isUnsettled(record: UnsettledRecord): Promise<boolean>;
  /**
   * Queues an unsettled record whose job is missing or finished some other way than a lone job
   * (e.g. an orchestration's runs, rebuilt as a BullMQ flow). Returns false to leave it to the
   * default: the record's job added again under its id.
   */
  requeue?(record: UnsettledRecord, queue: Queue): Promise<boolean>;
};

export type ReconcileReport = {
  /** Unsettled records looked at. */
  checked: number;
  /** Their job is waiting, delayed or running: nothing to do. */
  live: number;
  /** No job (or a finished one) although unsettled: queued again. */
  requeued: number;
  /** Their job failed for good without the failure being recorded: marked failed. */
  failed: number;
  /** Settled while we looked. */
  settled: number;
};

const liveStates = new Set(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children', 'wait']);

/**
 * The error to record for a job BullMQ failed without its processor recording it: the stalled
 * limit (the worker died on every attempt) is `worker_crashed`; a `code: message` reason (a
 * PermanentJobError) keeps its code; anything else is `internal`.
 */
export function unrecordedFailureError(failedReason: string | undefined | null): StageError {
  const reason = failedReason ?? '';
  if (/stalled more than allowable limit|started more than allowable limit/i.test(reason) || reason === '') {
    return { code: 'worker_crashed', message: errorMessages.worker_crashed.fr.detail };
  }
  const coded = /^([a-z][a-z0-9_]*): ([\s\S]*)$/.exec(reason);
  if (coded?.[1] && coded[2] !== undefined) return { code: coded[1], message: coded[2] };
  return { code: 'internal', message: reason };
}

/** One pass over a queue's unsettled records (at most `limit`, older than `before`). */
export async function reconcileQueue(opts: {
  def: QueueDefinition;
  /** A producer queue of `def` (BullMQ prefix included). */
  queue: Queue;
  source: ReconcileSource;
  /** Marks the record failed (same as after a stalled-limit failure). */
  settleFailure?: ((data: unknown, error: StageError) => Promise<void>) | undefined;
  before: Date;
  limit?: number;
  log?: Pick<Logger<'http'>, 'warn' | 'info'>;
}): Promise<ReconcileReport> {
  const report: ReconcileReport = { checked: 0, live: 0, requeued: 0, failed: 0, settled: 0 };
  const records = await opts.source.listUnsettled(opts.before, opts.limit ?? 500);
  for (const record of records) {
    report.checked++;
    const job: Job | undefined = await opts.queue.getJob(record.jobId);
    const state = job ? await job.getState() : 'missing';
    if (liveStates.has(state)) {
      report.live++;
      continue;
    }
    if (!(await opts.source.isUnsettled(record))) {
      report.settled++;
      continue;
    }
    if (state === 'failed' && job) {
      if (!opts.settleFailure) continue;
      const error = unrecordedFailureError(job.failedReason);
      await opts.settleFailure(job.data, error);
      report.failed++;
      opts.log?.warn(
        { queue: opts.def.name, jobId: record.jobId, code: error.code, reason: job.failedReason },
        'reconciler: job failed for good without its failure recorded; marked failed',
      );
      continue;
    }
    // No job (never added, or removed), or a finished one that left the record unsettled: the
    // same id queues it again (a finished job of that id must go first, BullMQ keeps ids unique).
    if (job) await job.remove().catch(() => {});
    if (opts.source.requeue && (await opts.source.requeue(record, opts.queue))) {
      report.requeued++;
      opts.log?.warn(
        { queue: opts.def.name, jobId: record.jobId, previousState: state },
        'reconciler: unsettled record had no live job; queued again by its source',
      );
      continue;
    }
    await enqueue(opts.queue, opts.def, record.payload, {
      ...opts.def.defaultJobOptions,
      jobId: record.jobId,
    });
    report.requeued++;
    opts.log?.warn(
      { queue: opts.def.name, jobId: record.jobId, previousState: state },
      'reconciler: unsettled record had no live job; queued again',
    );
  }
  return report;
}
