import { createRoute, type z } from '@hono/zod-openapi';
import { AppError } from '@saeq/shared/errors';
import type { GatewayDeps } from '../deps.ts';
import { binaryResponse, IdParam, notFound, problems, router, scoped } from '../openapi/route-kit.ts';
import type * as S from '../openapi/schemas.ts';
import { followPlanStatus } from '../use-cases/plan-events.ts';
import { findPlan, planView } from '../use-cases/plans.ts';
import { openEventStream, writeComment } from './event-stream.ts';

export type PlanEventOptions = {
  /** Postgres re-read interval (the workers publish nothing for plans). Default 1 s. */
  pollMs?: number;
  /** A comment line after this long without an event. Default 15 s. */
  heartbeatMs?: number;
  /** A stream ends after this long; the client reconnects if the plan still runs. Default 10 min. */
  maxDurationMs?: number;
  /** Retry delay suggested to EventSource clients (`retry:` field). Default 3 s. */
  retryMs?: number;
};

const events = createRoute({
  method: 'get',
  path: '/plans/{id}/events',
  summary:
    'Server-Sent Events: `status` events (the JSON of GET /v1/plans/{id}) at once and on each change, until completed or failed',
  tags: ['plans'],
  ...scoped('plans:read'),
  request: { params: IdParam },
  responses: { 200: binaryResponse('text/event-stream', 'SSE stream'), ...problems, ...notFound },
});

/**
 * `GET /plans/{id}/events` (mounted under /v1): the console follows a running plan with it
 * instead of polling `GET /v1/plans/{id}` against its rate limit. Scope plans:read; another
 * organisation's plan is a 404, answered before the stream opens.
 */
export function planEventRoutes(deps: GatewayDeps, opts: PlanEventOptions = {}) {
  const app = router();

  app.openapi(events, async (c) => {
    const planId = c.req.valid('param').id;
    const organisationId = c.get('auth').organisationId;
    const first = await findPlan(deps.db.db, organisationId, planId);
    const log = c.get('log');
    let pending: typeof first | null = first;
    const load = async () => {
      const found = pending ?? (await findPlan(deps.db.db, organisationId, planId).catch(goneIsNull));
      pending = null;
      return found ? (planView(found.plan, found.stages) as z.output<typeof S.PlanView>) : null;
    };
    return openEventStream(
      c,
      deps,
      {
        retryMs: opts.retryMs ?? 3000,
        onError: (err) => log.warn({ err: err.message, planId }, 'plan event stream failed'),
      },
      (stream, closed) =>
        followPlanStatus(
          {
            load,
            pollMs: opts.pollMs ?? 1000,
            heartbeatMs: opts.heartbeatMs ?? 15_000,
            maxDurationMs: opts.maxDurationMs ?? 10 * 60_000,
            signal: closed,
          },
          {
            status: (view) => stream.writeSSE({ event: 'status', data: JSON.stringify(view) }),
            comment: (text) => writeComment(stream, text),
          },
        ),
    );
  });

  return app;
}

/** A plan deleted while followed ends its stream; any other error is the stream's failure. */
function goneIsNull(err: unknown): null {
  if (err instanceof AppError && err.code === 'not_found') return null;
  throw err;
}
