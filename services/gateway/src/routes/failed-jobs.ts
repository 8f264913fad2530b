import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@saeq/shared/errors';
import type { Job, Queue } from 'bullmq';
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

const SCAN_LIMIT = 1000;

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
  summary: 'Dead letters: the organisation’s failed jobs (filters: queue, code, age); permanent vs transient',
  tags,
  ...admin,
  request: { query: FailedJobsQuery },
  responses: {
    200: jsonResponse(
      'Failed jobs',
      z.object({ items: z.array(z.record(z.string(), z.unknown())), total: z.number() }),
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

type FailedView = {
  id: string;
  queue: string;
  jobId: string;
  failedReason: string;
  code: string | null;
  permanent: boolean;
  attemptsMade: number;
  attempts: number;
  failedAt: string | null;
  data: Record<string, unknown>;
};

/**
 * Dead letters: the organisation's failed jobs across queues, with filters, and retries one by one
 * or in bulk. A failure is *permanent* when the job stopped before using its attempts (bad input:
 * unreadable PDF, forbidden webhook target…), *transient* when it used them all (dependency down).
 * Failed jobs are kept 14 days (queue retention) — see docs/operations.md.
 */
export function failedJobRoutes(deps: GatewayDeps) {
  const app = router();
  app.use('*', requireScope('admin'));

  const queuesByName = new Map<string, Queue>(Object.values(deps.queues).map((q) => [q.name, q]));

  async function collect(
    orgId: string,
    filter: { queue?: string | undefined; code?: string | undefined; maxAgeHours?: number | undefined },
  ) {
    if (filter.queue && !queuesByName.has(filter.queue)) {
      throw new AppError('validation_failed', {
        errors: [
          { path: 'queue', message: `file inconnue / unknown queue: ${[...queuesByName.keys()].join(', ')}` },
        ],
      });
    }
    const targets = filter.queue ? [queuesByName.get(filter.queue) as Queue] : [...queuesByName.values()];
    const since = filter.maxAgeHours ? deps.now().getTime() - filter.maxAgeHours * 3600_000 : 0;
    const out: { job: Job; view: FailedView }[] = [];
    for (const queue of targets) {
      const jobs = await queue.getFailed(0, SCAN_LIMIT - 1);
      for (const job of jobs) {
        const data = (job.data ?? {}) as Record<string, unknown>;
        if (data.organisationId !== orgId) continue;
        if (since && (job.finishedOn ?? 0) < since) continue;
        const code = /^([a-z_]+): /.exec(job.failedReason ?? '')?.[1] ?? codeOf(job);
        if (filter.code && code !== filter.code) continue;
        const attempts = job.opts.attempts ?? 1;
        out.push({
          job,
          view: {
            id: `${queue.name}:${job.id}`,
            queue: queue.name,
            jobId: String(job.id),
            failedReason: job.failedReason ?? '',
            code,
            permanent: job.attemptsMade < attempts,
            attemptsMade: job.attemptsMade,
            attempts,
            failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
            data: Object.fromEntries(Object.entries(data).filter(([k]) => k !== 'organisationId')),
          },
        });
      }
    }
    return out.sort((a, b) => (b.job.finishedOn ?? 0) - (a.job.finishedOn ?? 0));
  }

  app.openapi(list, async (c) => {
    const query = c.req.valid('query');
    const found = await collect(c.get('auth').organisationId, query);
    return c.json({ items: found.slice(0, query.limit).map((f) => f.view), total: found.length }, 200);
  });

  app.openapi(bulkRetry, async (c) => {
    const body = c.req.valid('json');
    const found = await collect(c.get('auth').organisationId, body);
    let retried = 0;
    for (const { job, view } of found) {
      if (view.permanent && !body.includePermanent) continue;
      await retryFailedJob(deps.db.db, job, deps.now());
      retried++;
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
    return c.json({ id: raw, status: 'queued' as const }, 202);
  });

  return app;
}

/** Permanent errors carry their code on the job's stacktrace line (`PermanentJobError`); else unknown. */
function codeOf(job: Job): string | null {
  const trace = job.stacktrace?.[0] ?? '';
  return (
    /(pdf_[a-z_]+|webhook_[a-z_]+|llm_\d+|[a-z]+_not_found|agent_[a-z_]+)/.exec(
      `${job.failedReason} ${trace}`,
    )?.[1] ?? null
  );
}
