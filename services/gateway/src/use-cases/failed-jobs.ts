import { type Db, type FailedJob, failedJobs } from '@saeq/shared/db';
import { AppError } from '@saeq/shared/errors';
import { and, count, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';

export type FailedJobFilter = {
  queue?: string | undefined;
  code?: string | undefined;
  /** Failed at or after this instant. */
  since?: Date | undefined;
};

/** Position after the last item of a page: (failedAt, queue, jobId), newest first. */
export type FailedJobCursor = { failedAt: Date; queue: string; jobId: string };

export function encodeFailedJobCursor(c: FailedJobCursor): string {
  return Buffer.from(JSON.stringify([c.failedAt.toISOString(), c.queue, c.jobId]), 'utf8').toString(
    'base64url',
  );
}

export function decodeFailedJobCursor(raw: string): FailedJobCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed.length === 3 && parsed.every((v) => typeof v === 'string')) {
    const [iso, queue, jobId] = parsed as [string, string, string];
    const failedAt = new Date(iso);
    if (!Number.isNaN(failedAt.getTime())) return { failedAt, queue, jobId };
  }
  throw new AppError('validation_failed', {
    errors: [{ path: 'cursor', message: 'curseur invalide / invalid cursor' }],
  });
}

function matching(organisationId: string, filter: FailedJobFilter): SQL {
  const conditions: SQL[] = [eq(failedJobs.organisationId, organisationId)];
  if (filter.queue) conditions.push(eq(failedJobs.queue, filter.queue));
  if (filter.code) conditions.push(eq(failedJobs.code, filter.code));
  if (filter.since) conditions.push(gte(failedJobs.failedAt, filter.since));
  return and(...conditions) as SQL;
}

/** Strictly after the cursor in (failedAt desc, queue desc, jobId desc) order. */
function after(c: FailedJobCursor): SQL {
  return or(
    lt(failedJobs.failedAt, c.failedAt),
    and(eq(failedJobs.failedAt, c.failedAt), lt(failedJobs.queue, c.queue)),
    and(eq(failedJobs.failedAt, c.failedAt), eq(failedJobs.queue, c.queue), lt(failedJobs.jobId, c.jobId)),
  ) as SQL;
}

/**
 * One page of the organisation's dead letters, newest first (keyset pagination), and how many
 * match the filter in all (`total`, every page included).
 */
export async function listFailedJobs(
  db: Db,
  organisationId: string,
  filter: FailedJobFilter,
  limit: number,
  cursor?: FailedJobCursor,
): Promise<{ items: FailedJob[]; total: number; nextCursor: string | null }> {
  const where = matching(organisationId, filter);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(failedJobs)
      .where(cursor ? and(where, after(cursor)) : where)
      .orderBy(desc(failedJobs.failedAt), desc(failedJobs.queue), desc(failedJobs.jobId))
      .limit(limit + 1),
    db.select({ total: count() }).from(failedJobs).where(where),
  ]);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    total: totals[0]?.total ?? 0,
    nextCursor: rows.length > limit && last ? encodeFailedJobCursor(last) : null,
  };
}

/** Every dead letter of the organisation matching the filter (bulk retry), oldest first. */
export async function allFailedJobs(
  db: Db,
  organisationId: string,
  filter: FailedJobFilter,
): Promise<FailedJob[]> {
  return db.select().from(failedJobs).where(matching(organisationId, filter)).orderBy(failedJobs.failedAt);
}

/** The organisation's dead letter of this job, if any. */
export async function findFailedJob(
  db: Db,
  organisationId: string,
  queue: string,
  jobId: string,
): Promise<FailedJob | undefined> {
  const rows = await db
    .select()
    .from(failedJobs)
    .where(
      and(
        eq(failedJobs.organisationId, organisationId),
        eq(failedJobs.queue, queue),
        eq(failedJobs.jobId, jobId),
      ),
    );
  return rows[0];
}
