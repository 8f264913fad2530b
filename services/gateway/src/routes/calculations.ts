import { CalculationError, CalculationKind, calculations } from '@saeq/electrical-code';
import { AppError } from '@saeq/shared/errors';
import { Hono } from 'hono';
import type { GatewayDeps, GatewayEnvBindings } from '../deps.ts';
import { requireScope } from '../middleware/auth.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { readJsonBody } from '../middleware/json-body.ts';
import { validationError } from '../problem.ts';

/** Synchronous, pure calculations computed in the gateway (API.md "Calculations"). */
export function calculationRoutes(_deps: GatewayDeps) {
  const app = new Hono<GatewayEnvBindings>();
  app.post('/:kind', requireScope('calc'), limitBody(256 * 1024), async (c) => {
    const kind = CalculationKind.safeParse(c.req.param('kind'));
    if (!kind.success) {
      throw new AppError('not_found', {
        detail: {
          fr: `Type de calcul inconnu. Types offerts : ${CalculationKind.options.join(', ')}.`,
          en: `Unknown calculation kind. Available: ${CalculationKind.options.join(', ')}.`,
        },
      });
    }
    const body = await readJsonBody(c, { maxStringLength: 1000 });
    const calculation = calculations[kind.data];
    const input = calculation.input.safeParse(body);
    if (!input.success) throw validationError(input.error);
    try {
      return c.json(calculation.run(input.data as never, { lang: c.get('lang') }) as Record<string, unknown>);
    } catch (err) {
      if (err instanceof CalculationError) {
        throw new AppError('calculation_error', { detail: err.messages, cause: err });
      }
      throw err;
    }
  });
  return app;
}
