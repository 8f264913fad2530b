import { createRoute, z } from '@hono/zod-openapi';
import type { GatewayDeps } from '../deps.ts';
import { jsonResponse, problems, router, scoped } from '../openapi/route-kit.ts';
import { agentUsage } from '../use-cases/agent-usage.ts';

const DAY_MS = 24 * 3600 * 1000;

/** An ISO date-time, or a date (`2026-05-01`, midnight UTC). */
const Instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

const UsageQuery = z
  .strictObject({ from: Instant.optional(), to: Instant.optional() })
  .transform((query, ctx) => {
    // A date-only `to` includes that whole day.
    const to = query.to ? new Date(Date.parse(query.to) + (query.to.length === 10 ? DAY_MS : 0)) : undefined;
    const from = query.from ? new Date(query.from) : undefined;
    if (from && to && from >= to) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must be before to' });
      return z.NEVER;
    }
    return { from, to };
  });

const usage = createRoute({
  method: 'get',
  path: '/usage',
  summary: 'Language-model token usage and estimated cost per agent',
  tags: ['agents'],
  ...scoped('agents:run'),
  request: { query: UsageQuery },
  responses: { 200: jsonResponse('Usage', z.record(z.string(), z.unknown())), ...problems },
});

/**
 * `GET /usage?from=&to=` (mounted under /v1): the organisation's agent runs, tokens and
 * estimated cost (USD, from worker-agents' price table) per agent and in total, for runs
 * created in [from, to). Default window: the last 30 days. Scope agents:run.
 */
export function usageRoutes(deps: GatewayDeps) {
  const app = router();
  app.openapi(usage, async (c) => {
    const query = c.req.valid('query');
    const to = query.to ?? deps.now();
    const from = query.from ?? new Date(to.getTime() - 30 * DAY_MS);
    const totals = await agentUsage(deps.db.db, c.get('auth').organisationId, { from, to });
    return c.json(
      {
        from: from.toISOString(),
        to: to.toISOString(),
        currency: 'USD',
        costIsEstimate: true,
        ...totals,
      },
      200,
    );
  });
  return app;
}
