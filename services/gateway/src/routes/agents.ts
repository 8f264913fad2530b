import { agentCatalog } from '@saeq/agents';
import { Hono } from 'hono';
import type { GatewayDeps, GatewayEnvBindings } from '../deps.ts';
import { requireScope } from '../middleware/auth.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { readJsonBody } from '../middleware/json-body.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { validationError } from '../problem.ts';
import {
  AgentRunRequest,
  agentOr404,
  agentRunView,
  findAgentRun,
  submitAgentRun,
} from '../use-cases/agent-runs.ts';
import { parseId } from './ids.ts';

export function agentRoutes(deps: GatewayDeps) {
  const app = new Hono<GatewayEnvBindings>();

  app.get('/agents', async (c) => {
    const lang = c.get('lang');
    return c.json(
      agentCatalog.map((a) => ({
        id: a.id,
        name: a.name[lang],
        description: a.description[lang],
        tools: a.tools,
      })),
    );
  });

  app.post(
    '/agents/:agentId/runs',
    requireScope('agents:run'),
    rateLimit(deps.rateLimits, 'agentRuns'),
    limitBody(256 * 1024),
    idempotent(deps),
    async (c) => {
      const agent = agentOr404(c.req.param('agentId'));
      const body = await readJsonBody(c);
      const parsed = AgentRunRequest.safeParse(body);
      if (!parsed.success) throw validationError(parsed.error);
      const run = await submitAgentRun(
        deps,
        c.get('auth').organisationId,
        agent,
        parsed.data,
        c.get('lang'),
        c.get('requestId'),
      );
      const self = `/v1/agent-runs/${run.id}`;
      c.header('Location', self);
      return c.json({ id: run.id, status: 'queued' as const, links: { self } }, 202);
    },
  );

  app.get('/agent-runs/:id', requireScope('agents:run'), async (c) => {
    const run = await findAgentRun(deps.db.db, c.get('auth').organisationId, parseId(c.req.param('id')));
    return c.json(agentRunView(run));
  });

  return app;
}
