import { createRoute, type z } from '@hono/zod-openapi';
import { MAX_ORCHESTRATION_AGENTS } from '@saeq/agents';
import type { GatewayDeps } from '../deps.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { jsonBody } from '../middleware/json-body.ts';
import {
  binaryResponse,
  IdParam,
  jsonRequestBody,
  jsonResponse,
  notFound,
  problems,
  router,
  scoped,
} from '../openapi/route-kit.ts';
import * as S from '../openapi/schemas.ts';
import {
  followOrchestrationEvents,
  parseOrchestrationCursor,
} from '../use-cases/agent-orchestration-events.ts';
import {
  checkAgents,
  findOrchestration,
  listOrchestrations,
  OrchestrationRequest,
  orchestrationView,
  submitOrchestration,
} from '../use-cases/agent-orchestrations.ts';
import { agentRunEventsChannel, RunEventHub } from '../use-cases/agent-run-events.ts';
import type { AgentRunEventOptions } from './agent-run-events.ts';
import { openEventStream, writeComment } from './event-stream.ts';

const tags = ['agents'];

const submit = (deps: GatewayDeps) =>
  createRoute({
    method: 'post',
    path: '/agents/orchestrations',
    // Each agent answers in its own agent run (side by side, or in sequence with the answers
    // before it); electrical-project-manager then writes the synthesis. A failed agent is
    // reported with its error and the synthesis uses the other answers.
    summary: `Ask several agents (1–${MAX_ORCHESTRATION_AGENTS}) one question; the project manager combines their answers (each run counts against the agent-run rate limit)`,
    tags,
    ...scoped('agents:run', limitBody(256 * 1024), idempotent(deps), jsonBody()),
    request: { body: jsonRequestBody(OrchestrationRequest) },
    responses: { 202: jsonResponse('Accepted', S.Accepted), ...problems, ...notFound },
  });

const list = createRoute({
  method: 'get',
  path: '/agent-orchestrations',
  summary: 'The organisation’s latest orchestrations (50, newest first)',
  tags,
  ...scoped('agents:run'),
  responses: { 200: jsonResponse('Orchestrations', S.OrchestrationList), ...problems },
});

const one = createRoute({
  method: 'get',
  path: '/agent-orchestrations/{id}',
  summary: 'An orchestration: status, one agent run per agent, the synthesis, summed usage',
  tags,
  ...scoped('agents:run'),
  request: { params: IdParam },
  responses: { 200: jsonResponse('Orchestration', S.OrchestrationView), ...problems, ...notFound },
});

const events = createRoute({
  method: 'get',
  path: '/agent-orchestrations/{id}/events',
  summary: 'Server-Sent Events: every run’s events (labelled with its run), then the final status',
  tags,
  ...scoped('agents:run'),
  request: { params: IdParam },
  responses: { 200: binaryResponse('text/event-stream', 'SSE stream'), ...problems, ...notFound },
});

/**
 * Multi-agent orchestrations (issue 19), mounted under /v1. The runs are ordinary agent runs
 * (GET /v1/agent-runs/{id} works on each); see use-cases/agent-orchestrations.ts.
 */
export function agentOrchestrationRoutes(deps: GatewayDeps, opts: AgentRunEventOptions = {}) {
  const app = router();
  const hub = new RunEventHub(deps.redis, deps.logger);

  app.openapi(submit(deps), async (c) => {
    const auth = c.get('auth');
    const request = c.req.valid('json');
    checkAgents(request.agents);
    // One agent-run point per run (the members and the synthesis), taken once the body is valid
    // (the count is in it).
    await deps.rateLimits?.consume(
      c,
      'agentRuns',
      auth.id,
      auth.rateLimits?.agentRuns,
      request.agents.length + 1,
    );
    const { id } = await submitOrchestration(
      deps,
      auth.organisationId,
      request,
      c.get('lang'),
      c.get('requestId'),
    );
    const self = `/v1/agent-orchestrations/${id}`;
    c.header('Location', self);
    return c.json({ id, status: 'queued' as const, links: { self, events: `${self}/events` } }, 202);
  });

  app.openapi(list, async (c) =>
    c.json(await listOrchestrations(deps.db.db, c.get('auth').organisationId, 50), 200),
  );

  app.openapi(one, async (c) => {
    const runs = await findOrchestration(deps.db.db, c.get('auth').organisationId, c.req.valid('param').id);
    // Row columns are typed wider (text) than the values they hold.
    return c.json(orchestrationView(runs) as z.output<typeof S.OrchestrationView>, 200);
  });

  app.openapi(events, async (c) => {
    const id = c.req.valid('param').id;
    const { members, synthesis } = await findOrchestration(deps.db.db, c.get('auth').organisationId, id);
    const runs = [...members, ...(synthesis ? [synthesis] : [])].map((r) => ({
      id: r.id,
      agentId: r.agentId,
      role: r.orchestrationRole ?? ('member' as const),
      step: r.orchestrationStep ?? 0,
    }));
    const cursor = parseOrchestrationCursor(
      c.req.header('last-event-id') ?? c.req.query('lastEventId'),
      runs.length,
    );
    const log = c.get('log');
    return openEventStream(
      c,
      deps,
      {
        retryMs: opts.retryMs ?? 3000,
        onError: (err) =>
          log.warn({ err: err.message, orchestrationId: id }, 'orchestration event stream failed'),
      },
      (stream, closed) =>
        followOrchestrationEvents(
          {
            db: deps.db.db,
            orchestrationId: id,
            hub,
            channel: (runId) => agentRunEventsChannel(deps.env.QUEUE_PREFIX, runId),
            runs,
            cursor,
            heartbeatMs: opts.heartbeatMs ?? 15_000,
            pollMs: opts.pollMs ?? 2000,
            maxDurationMs: opts.maxDurationMs ?? 10 * 60_000,
            signal: closed,
          },
          {
            event: (event) =>
              stream.writeSSE({ event: event.type, data: JSON.stringify(event.data), id: event.id }),
            comment: (text) => writeComment(stream, text),
          },
        ),
    );
  });

  return app;
}
