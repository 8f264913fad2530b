import { createRoute, z } from '@hono/zod-openapi';
import { agentCatalog } from '@saeq/agents';
import { createMiddleware } from 'hono/factory';
import type { GatewayDeps, GatewayEnvBindings } from '../deps.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import {
  IdParam,
  jsonRequestBody,
  jsonResponse,
  notFound,
  problems,
  requires,
  router,
  scoped,
} from '../openapi/route-kit.ts';
import * as S from '../openapi/schemas.ts';
import {
  AgentRunRequest,
  agentOr404,
  agentRunView,
  findAgentRun,
  submitAgentRun,
} from '../use-cases/agent-runs.ts';

const tags = ['agents'];

const list = createRoute({
  method: 'get',
  path: '/agents',
  summary: 'The eleven agents',
  tags,
  ...requires('any'),
  responses: { 200: jsonResponse('Agents', z.array(S.AgentSummary)), ...problems },
});

/** An unknown agent is a 404 before its body is read (as when the handler looked it up first). */
const knownAgent = createMiddleware<GatewayEnvBindings>(async (c, next) => {
  agentOr404(c.req.param('agentId') ?? '');
  await next();
});

const runRoute = (deps: GatewayDeps) =>
  createRoute({
    method: 'post',
    path: '/agents/{agentId}/runs',
    summary: 'Ask an agent (optionally about a plan, or continuing a conversation)',
    tags,
    ...scoped(
      'agents:run',
      rateLimit(deps.rateLimits, 'agentRuns'),
      limitBody(256 * 1024),
      idempotent(deps),
      knownAgent,
      jsonBody(),
    ),
    request: {
      params: z.object({ agentId: z.string().describe('An agent id from GET /v1/agents') }),
      body: jsonRequestBody(AgentRunRequest),
    },
    responses: { 202: jsonResponse('Accepted', S.Accepted), ...problems, ...notFound },
  });

const oneRun = createRoute({
  method: 'get',
  path: '/agent-runs/{id}',
  summary: 'An agent run: answer, tool calls, usage',
  tags,
  ...scoped('agents:run'),
  request: { params: IdParam },
  responses: { 200: jsonResponse('Run', S.AgentRunView), ...problems, ...notFound },
});

export function agentRoutes(deps: GatewayDeps) {
  const app = router();

  app.openapi(list, async (c) => {
    const lang = c.get('lang');
    return c.json(
      agentCatalog.map((a) => ({
        id: a.id,
        name: a.name[lang],
        description: a.description[lang],
        tools: a.tools,
      })),
      200,
    );
  });

  app.openapi(runRoute(deps), async (c) => {
    const agent = agentOr404(c.req.valid('param').agentId);
    const run = await submitAgentRun(
      deps,
      c.get('auth').organisationId,
      agent,
      c.req.valid('json'),
      c.get('lang'),
      c.get('requestId'),
    );
    const self = `/v1/agent-runs/${run.id}`;
    c.header('Location', self);
    return c.json({ id: run.id, status: 'queued' as const, links: { self } }, 202);
  });

  app.openapi(oneRun, async (c) => {
    const run = await findAgentRun(deps.db.db, c.get('auth').organisationId, c.req.valid('param').id);
    // Row columns are typed wider (text) than the values they hold.
    return c.json(agentRunView(run) as z.output<typeof S.AgentRunView>, 200);
  });

  return app;
}
