import type { Job } from 'bullmq';
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { failedJobs } from '../db/schema/failed-jobs.ts';

/**
 * The error code of a failed job: `PermanentJobError` prefixes its message with it
 * (`pdf_unreadable: …`); otherwise a known code found in the reason or the stack, else null.
 */
export function failedJobCode(job: Pick<Job, 'failedReason' | 'stacktrace'>): string | null {
  const reason = job.failedReason ?? '';
  const prefixed = /^([a-z_]+): /.exec(reason)?.[1];
  if (prefixed) return prefixed;
  const trace = job.stacktrace?.[0] ?? '';
  return (
    /(pdf_[a-z_]+|webhook_[a-z_]+|llm_\d+|[a-z]+_not_found|agent_[a-z_]+)/.exec(`${reason} ${trace}`)?.[1] ??
    null
  );
}

/**
 * Records a job BullMQ failed for good as a dead letter of its organisation; a job failing again
 * after a retry replaces its row. A failed attempt that BullMQ will retry has no `finishedOn` and
 * is skipped, as are jobs without an organisation (listed to no one). `failedAt` is for failures
 * BullMQ decided alone (stalled limit), whose job object may not carry it. Returns whether a row
 * was written.
 */
export async function recordDeadLetter(
  db: Db,
  queue: string,
  job: Job,
  failedAt: number | undefined = job.finishedOn,
): Promise<boolean> {
  const { organisationId, ...data } = (job.data ?? {}) as Record<string, unknown>;
  if (typeof organisationId !== 'string' || job.id === undefined || !failedAt) return false;
  const attempts = job.opts.attempts ?? 1;
  const row = {
    queue,
    jobId: job.id,
    organisationId,
    failedReason: job.failedReason ?? '',
    code: failedJobCode(job),
    permanent: job.attemptsMade < attempts,
    attemptsMade: job.attemptsMade,
    attempts,
    failedAt: new Date(failedAt),
    data,
  };
  await db
    .insert(failedJobs)
    .values(row)
    .onConflictDoUpdate({ target: [failedJobs.queue, failedJobs.jobId], set: row });
  return true;
}

/** Removes a job's dead letter (it was retried, or has completed since). */
export async function clearDeadLetter(db: Db, queue: string, jobId: string): Promise<void> {
  await db.delete(failedJobs).where(and(eq(failedJobs.queue, queue), eq(failedJobs.jobId, jobId)));
}

/** Deletes dead letters older than `before` (BullMQ drops failed jobs after their retention). */
export async function purgeDeadLetters(db: Db, before: Date): Promise<number> {
  const deleted = await db
    .delete(failedJobs)
    .where(lt(failedJobs.failedAt, before))
    .returning({ jobId: failedJobs.jobId });
  return deleted.length;
}
