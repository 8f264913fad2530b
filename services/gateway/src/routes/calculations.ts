import { createRoute } from '@hono/zod-openapi';
import { CalculationError, CalculationKind, calculations } from '@saeq/electrical-code';
import { AppError } from '@saeq/shared/errors';
import { createMiddleware } from 'hono/factory';
import type { GatewayDeps, GatewayEnvBindings } from '../deps.ts';
import { requireScope } from '../middleware/auth.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { jsonRequestBody, jsonResponse, problem, problems, router, scoped } from '../openapi/route-kit.ts';

const knownKinds = new Set<string>(CalculationKind.options);

/**
 * `POST /:kind` for a kind that does not exist: after the scope check (as for any calculation),
 * a 404 naming the kinds offered. A middleware, not a route, so the document lists real kinds only.
 */
const unknownKind = createMiddleware<GatewayEnvBindings>(async (c, next) => {
  if (c.req.method !== 'POST' || knownKinds.has(c.req.param('kind') ?? '')) return next();
  return requireScope('calc')(c, async () => {
    throw new AppError('not_found', {
      detail: {
        fr: `Type de calcul inconnu. Types offerts : ${CalculationKind.options.join(', ')}.`,
        en: `Unknown calculation kind. Available: ${CalculationKind.options.join(', ')}.`,
      },
    });
  });
});

/** Synchronous, pure calculations computed in the gateway (API.md "Calculations"), one route per kind. */
export function calculationRoutes(_deps: GatewayDeps) {
  const app = router();
  app.use('/:kind', unknownKind);
  for (const kind of CalculationKind.options) {
    const calculation = calculations[kind];
    const route = createRoute({
      method: 'post',
      path: `/${kind}`,
      summary: `Calculation ${kind} (pure, synchronous; cites rules and states assumptions)`,
      tags: ['calculations'],
      ...scoped('calc', limitBody(256 * 1024), jsonBody({ maxStringLength: 1000 })),
      request: { body: jsonRequestBody(calculation.input) },
      responses: {
        200: jsonResponse('Result with steps, rule references and assumptions', calculation.result),
        ...problems,
        422: problem('The code gives no answer for this input'),
      },
    });
    app.openapi(route, (c) => {
      try {
        return c.json(
          // One loop for every kind: TypeScript sees the union of kinds, each run matches its own.
          calculation.run(c.req.valid('json') as never, { lang: c.get('lang') }) as never,
          200,
        );
      } catch (err) {
        if (err instanceof CalculationError) {
          throw new AppError('calculation_error', { detail: err.messages, cause: err });
        }
        throw err;
      }
    });
  }
  return app;
}
