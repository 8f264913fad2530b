import { Edition, listRules } from '@saeq/electrical-code';
import { Hono } from 'hono';
import { z } from 'zod';
import type { GatewayEnvBindings } from '../deps.ts';
import { validationError } from '../problem.ts';

export const RulesQuery = z.strictObject({ edition: Edition.default('2026') });

/** `GET /v1/rules?edition=` — the compliance rule catalogue of an edition. */
export function ruleRoutes() {
  const app = new Hono<GatewayEnvBindings>();
  app.get('/', (c) => {
    const query = RulesQuery.safeParse(c.req.query());
    if (!query.success) throw validationError(query.error);
    return c.json({ edition: query.data.edition, rules: listRules(query.data.edition, c.get('lang')) });
  });
  return app;
}
