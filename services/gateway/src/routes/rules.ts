import { createRoute, z } from '@hono/zod-openapi';
import { Edition, listRules } from '@saeq/electrical-code';
import { jsonResponse, problems, requires, router } from '../openapi/route-kit.ts';
import * as S from '../openapi/schemas.ts';

export const RulesQuery = z.strictObject({ edition: Edition.default('2026') });

const rules = createRoute({
  method: 'get',
  path: '/',
  summary: 'The compliance rule catalogue of an edition',
  tags: ['calculations'],
  ...requires('any'),
  request: { query: RulesQuery },
  responses: { 200: jsonResponse('Rules', S.RulesList), ...problems },
});

/** `GET /v1/rules?edition=` — the compliance rule catalogue of an edition. */
export function ruleRoutes() {
  const app = router();
  app.openapi(rules, (c) => {
    const { edition } = c.req.valid('query');
    return c.json({ edition, rules: listRules(edition, c.get('lang')) }, 200);
  });
  return app;
}
