import { createRoute } from '@hono/zod-openapi';
import type { GatewayDeps } from '../deps.ts';
import { binaryResponse, IdParam, notFound, problems, router, scoped } from '../openapi/route-kit.ts';
import {
  agentRunEventsChannel,
  followRunEvents,
  parseLastEventId,
  RunEventHub,
} from '../use-cases/agent-run-events.ts';
import { findAgentRun } from '../use-cases/agent-runs.ts';
import { openEventStream, writeComment } from './event-stream.ts';

export type AgentRunEventOptions = {
  /** A comment line after this long without an event (proxies close silent connections). Default 15 s. */
  heartbeatMs?: number;
  /** Postgres re-read interval, the safety net behind Redis pub/sub. Default 2 s. */
  pollMs?: number;
  /** A stream ends after this long; EventSource reconnects with Last-Event-ID. Default 10 min. */
  maxDurationMs?: number;
  /** Retry delay suggested to EventSource clients (`retry:` field). Default 3 s. */
  retryMs?: number;
};

const events = createRoute({
  method: 'get',
  path: '/agent-runs/{id}/events',
  summary: 'Server-Sent Events: status, tool calls, answer text',
  tags: ['agents'],
  ...scoped('agents:run'),
  request: { params: IdParam },
  responses: { 200: binaryResponse('text/event-stream', 'SSE stream'), ...problems, ...notFound },
});

/**
 * `GET /agent-runs/{id}/events` (mounted under /v1): the run's status changes, tool calls and
 * answer text as server-sent events — `id:` is the event's seq (send `Last-Event-ID` to
 * resume), `event:` its type (status, tool_call, text, answer, error), `data:` its JSON. Ends
 * after the terminal status. Scope agents:run; another organisation's run is a 404.
 */
export function agentRunEventRoutes(deps: GatewayDeps, opts: AgentRunEventOptions = {}) {
  const app = router();
  const hub = new RunEventHub(deps.redis, deps.logger);

  app.openapi(events, async (c) => {
    const runId = c.req.valid('param').id;
    await findAgentRun(deps.db.db, c.get('auth').organisationId, runId);
    const afterSeq = parseLastEventId(c.req.header('last-event-id') ?? c.req.query('lastEventId'));
    const log = c.get('log');
    return openEventStream(
      c,
      deps,
      {
        retryMs: opts.retryMs ?? 3000,
        onError: (err) => log.warn({ err: err.message, runId }, 'agent run event stream failed'),
      },
      (stream, closed) =>
        followRunEvents(
          {
            db: deps.db.db,
            hub,
            channel: agentRunEventsChannel(deps.env.QUEUE_PREFIX, runId),
            runId,
            afterSeq,
            heartbeatMs: opts.heartbeatMs ?? 15_000,
            pollMs: opts.pollMs ?? 2000,
            maxDurationMs: opts.maxDurationMs ?? 10 * 60_000,
            signal: closed,
          },
          {
            event: (event) =>
              stream.writeSSE({
                event: event.type,
                data: JSON.stringify(event.data),
                ...(event.seq === null ? {} : { id: String(event.seq) }),
              }),
            comment: (text) => writeComment(stream, text),
          },
        ),
    );
  });

  return app;
}
