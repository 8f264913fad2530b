import { createRoute, z } from '@hono/zod-openapi';
import type { FailedJob } from '@saeq/shared/db';
import { AppError } from '@saeq/shared/errors';
import { clearDeadLetter } from '@saeq/shared/worker-runtime';
import type { Queue } from 'bullmq';
import type { GatewayDeps } from '../deps.ts';
import { requireScope } from '../middleware/auth.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { jsonBody } from '../middleware/json-body.ts';
import {
  jsonRequestBody,
  jsonResponse,
  notFound,
  problem,
  problems,
  requires,
  router,
} from '../openapi/route-kit.ts';
import { retryFailedJob } from '../use-cases/dead-letters.ts';
import { allFailedJobs, decodeFailedJobCursor, listFailedJobs } from '../use-cases/failed-jobs.ts';

export const FailedJobsQuery = z.strictObject({
  queue: z.string().max(64).optional(),
  code: z.string().max(64).optional(),
  /** Only jobs that failed within the last N hours. */
  maxAgeHours: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** `nextCursor` of the previous page. */
  cursor: z.string().max(400).optional(),
});
export const BulkRetry = z.strictObject({
  queue: z.string().max(64).optional(),
  code: z.string().max(64).optional(),
  /** Transient failures only (attempts exhausted), the default; permanent ones need fixing first. */
  includePermanent: z.boolean().default(false),
});

const tags = ['admin'];
// The whole sub-app requires `admin` (app.use below).
const admin = requires('admin');

const list = createRoute({
  method: 'get',
  path: '/failed-jobs',
  summary:
    'Dead letters: the organisation’s failed jobs, newest first, paginated (filters: queue, code, age); permanent vs transient',
  tags,
  ...admin,
  request: { query: FailedJobsQuery },
  responses: {
    200: jsonResponse(
      'Failed jobs',
      z.object({
        items: z.array(z.record(z.string(), z.unknown())),
        /** Every matching failed job, all pages included. */
        total: z.number(),
        nextCursor: z.string().nullable(),
      }),
    ),
    ...problems,
  },
});

const bulkRetry = createRoute({
  method: 'post',
  path: '/failed-jobs/retry',
  summary: 'Retry failed jobs in bulk (transient ones unless includePermanent)',
  tags,
  ...admin,
  middleware: [limitBody(16 * 1024), jsonBody()] as const,
  request: { body: jsonRequestBody(BulkRetry) },
  responses: {
    200: jsonResponse('Counts', z.object({ retried: z.number(), matched: z.number() })),
    ...problems,
  },
});

const retryOne = createRoute({
  method: 'post',
  path: '/failed-jobs/{id}/retry',
  summary: 'Retry one failed job (id = "<queue>:<jobId>")',
  tags,
  ...admin,
  request: { params: z.object({ id: z.string().describe('<queue>:<jobId>') }) },
  responses: {
    202: jsonResponse('Queued again', z.object({ id: z.string(), status: z.literal('queued') })),
    ...problems,
    ...notFound,
    409: problem('Not failed'),
  },
});

/**
 * Dead letters: the organisation's failed jobs across queues, with filters, and retries one by one
 * or in bulk. A failure is *permanent* when the job stopped before using its attempts (bad input:
 * unreadable PDF, forbidden webhook target…), *transient* when it used them all (dependency down).
 * Failed jobs are kept 14 days (queue retention) — see docs/operations.md. They are listed from
 * Postgres (`failed_jobs`, written by the worker that saw the job fail for good) with one indexed
 * query per page; retries act on the job in BullMQ.
 */
export function failedJobRoutes(deps: GatewayDeps) {
  const app = router();
  app.use('*', requireScope('admin'));

  const queuesByName = new Map<string, Queue>(Object.values(deps.queues).map((q) => [q.name, q]));

  function filterOf(query: {
    queue?: string | undefined;
    code?: string | undefined;
    maxAgeHours?: number | undefined;
  }) {
    if (query.queue && !queuesByName.has(query.queue)) {
      throw new AppError('validation_failed', {
        errors: [
          { path: 'queue', message: `file inconnue / unknown queue: ${[...queuesByName.keys()].join(', ')}` },
        ],
      });
    }
    return {
      queue: query.queue,
      code: query.code,
      since: query.maxAgeHours ? new Date(deps.now().getTime() - query.maxAgeHours * 3600_000) : undefined,
    };
  }

  app.openapi(list, async (c) => {
    const query = c.req.valid('query');
    const page = await listFailedJobs(
      deps.db.db,
      c.get('auth').organisationId,
      filterOf(query),
      query.limit,
      query.cursor ? decodeFailedJobCursor(query.cursor) : undefined,
    );
    return c.json(
      { items: page.items.map(failedJobView), total: page.total, nextCursor: page.nextCursor },
      200,
    );
  });

  app.openapi(bulkRetry, async (c) => {
    const body = c.req.valid('json');
    const found = await allFailedJobs(deps.db.db, c.get('auth').organisationId, filterOf(body));
    let retried = 0;
    for (const row of found) {
      if (row.permanent && !body.includePermanent) continue;
      const job = await queuesByName.get(row.queue)?.getJob(row.jobId);
      // Gone from BullMQ (retention, removed by hand) or retried elsewhere: nothing to retry.
      if (job && (await job.isFailed())) {
        await retryFailedJob(deps.db.db, job, deps.now());
        retried++;
      }
      await clearDeadLetter(deps.db.db, row.queue, row.jobId);
    }
    return c.json({ retried, matched: found.length }, 200);
  });

  app.openapi(retryOne, async (c) => {
    const raw = c.req.valid('param').id;
    const sep = raw.indexOf(':');
    const queue = queuesByName.get(raw.slice(0, sep));
    const job = sep > 0 && queue ? await queue.getJob(raw.slice(sep + 1)) : undefined;
    if (!job || (job.data as { organisationId?: string })?.organisationId !== c.get('auth').organisationId)
      throw new AppError('not_found');
    if (!(await job.isFailed())) {
      throw new AppError('conflict', {
        detail: { fr: 'Cette tâche n’est pas en échec.', en: 'This job has not failed.' },
      });
    }
    await retryFailedJob(deps.db.db, job, deps.now());
    await clearDeadLetter(deps.db.db, job.queueName, String(job.id));
    return c.json({ id: raw, status: 'queued' as const }, 202);
  });

  return app;
}

/** A dead letter as the API shows it (`id` = "<queue>:<jobId>", the retry path's id). */
function failedJobView(row: FailedJob) {
  return {
    id: `${row.queue}:${row.jobId}`,
    queue: row.queue,
    jobId: row.jobId,
    failedReason: row.failedReason,
    code: row.code,
    permanent: row.permanent,
    attemptsMade: row.attemptsMade,
    attempts: row.attempts,
    failedAt: row.failedAt.toISOString(),
    data: row.data,
  };
}
