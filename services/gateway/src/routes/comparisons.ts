import { createRoute, z } from '@hono/zod-openapi';
import { changeOrderToPdf, changeOrderToXlsx } from '@saeq/bom';
import { StoredComparison } from '@saeq/shared/contracts/plan-comparison';
import { AppError } from '@saeq/shared/errors';
import type { GatewayDeps } from '../deps.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { jsonBody } from '../middleware/json-body.ts';
import {
  binaryBody,
  IdParam,
  jsonRequestBody,
  jsonResponse,
  notFound,
  problem,
  problems,
  router,
  scoped,
  xlsxType,
} from '../openapi/route-kit.ts';
import * as S from '../openapi/schemas.ts';
import { ComparisonRequest, findComparison, submitComparison } from '../use-cases/comparisons.ts';

const tags = ['comparisons'];

export const ComparisonFormatQuery = z.strictObject({
  format: z.enum(['json', 'xlsx', 'pdf']).default('json'),
});

const create = (deps: GatewayDeps) =>
  createRoute({
    method: 'post',
    path: '/',
    summary: 'Compare two plans (revision compare); either may still be analysing, 409 if one failed',
    tags,
    // Writes a comparison from plans the key can read: the scope of reading plans, as the brief
    // of issue 21 asks (a comparison changes no plan).
    ...scoped('plans:read', limitBody(16 * 1024), idempotent(deps), jsonBody({ maxStringLength: 200 })),
    request: { body: jsonRequestBody(ComparisonRequest) },
    responses: {
      202: jsonResponse('Accepted', S.Accepted),
      ...problems,
      ...notFound,
      409: problem('A plan’s analysis failed (`errors[].path` names basePlanId or revisedPlanId)'),
    },
  });

const one = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'A comparison (JSON; the change order as XLSX or PDF with ?format=)',
  tags,
  ...scoped('plans:read'),
  request: { query: ComparisonFormatQuery, params: IdParam },
  responses: {
    200: {
      description: 'Comparison',
      content: {
        'application/json': { schema: S.ComparisonView },
        [xlsxType]: binaryBody,
        'application/pdf': binaryBody,
      },
    },
    ...problems,
    ...notFound,
  },
});

/** `POST /v1/comparisons` and `GET /v1/comparisons/{id}[?format=xlsx|pdf]`. */
export function comparisonRoutes(deps: GatewayDeps) {
  const app = router();

  app.openapi(create(deps), async (c) => {
    const row = await submitComparison(
      deps,
      c.get('auth').organisationId,
      c.req.valid('json'),
      c.get('requestId'),
    );
    const self = `/v1/comparisons/${row.id}`;
    c.header('Location', self);
    return c.json({ id: row.id, status: 'queued' as const, links: { self } }, 202);
  });

  app.openapi(one, async (c) => {
    const { format } = c.req.valid('query');
    const row = await findComparison(deps.db.db, c.get('auth').organisationId, c.req.valid('param').id);
    const lang = c.get('lang');
    const stored = row.status === 'completed' && row.result ? StoredComparison.parse(row.result) : null;
    if (format !== 'json') {
      if (!stored)
        throw new AppError('not_found', {
          detail: { fr: 'La comparaison n’est pas encore prête.', en: 'The comparison is not ready yet.' },
        });
      const input = {
        delta: stored.bom[lang],
        title: `${row.basePlanId.slice(0, 8)} → ${row.revisedPlanId.slice(0, 8)}`,
        lang,
        createdAt: row.finishedAt ?? row.createdAt,
      };
      const base = lang === 'fr' ? `avenant-${row.id.slice(0, 8)}` : `change-order-${row.id.slice(0, 8)}`;
      const body =
        format === 'xlsx' ? new Uint8Array(await changeOrderToXlsx(input)) : await changeOrderToPdf(input);
      c.header('Content-Type', format === 'xlsx' ? xlsxType : 'application/pdf');
      c.header('Content-Disposition', `attachment; filename="${base}.${format}"`);
      return c.body(body as Uint8Array<ArrayBuffer>);
    }
    return c.json(
      {
        id: row.id,
        status: row.status,
        ...(row.error ? { error: row.error } : {}),
        basePlanId: row.basePlanId,
        revisedPlanId: row.revisedPlanId,
        createdAt: row.createdAt.toISOString(),
        finishedAt: row.finishedAt?.toISOString() ?? null,
        ...(stored ? { ...stored, bom: stored.bom[lang] } : {}),
      } as z.output<typeof S.ComparisonView>,
      200,
    );
  });

  return app;
}
