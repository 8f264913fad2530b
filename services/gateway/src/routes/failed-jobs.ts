import { AppError } from '@saeq/shared/errors';
import type { Job, Queue } from 'bullmq';
import { Hono } from 'hono';
import { z } from 'zod';
import type { GatewayDeps, GatewayEnvBindings } from '../deps.ts';
import { requireScope } from '../middleware/auth.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { readJsonBody } from '../middleware/json-body.ts';
import { validationError } from '../problem.ts';

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
  const app = new Hono<GatewayEnvBindings>();
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

  app.get('/failed-jobs', async (c) => {
    const query = FailedJobsQuery.safeParse(c.req.query());
    if (!query.success) throw validationError(query.error);
    const found = await collect(c.get('auth').organisationId, query.data);
    return c.json({ items: found.slice(0, query.data.limit).map((f) => f.view), total: found.length });
  });

  app.post('/failed-jobs/retry', limitBody(16 * 1024), async (c) => {
    const body = BulkRetry.safeParse(await readJsonBody(c));
    if (!body.success) throw validationError(body.error);
    const found = await collect(c.get('auth').organisationId, body.data);
    let retried = 0;
    for (const { job, view } of found) {
      if (view.permanent && !body.data.includePermanent) continue;
      await job.retry('failed');
      retried++;
    }
    return c.json({ retried, matched: found.length });
  });

  app.post('/failed-jobs/:id/retry', async (c) => {
    const raw = c.req.param('id');
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
    await job.retry('failed');
    return c.json({ id: raw, status: 'queued' }, 202);
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
