import { createRoute, type z } from '@hono/zod-openapi';
import type { StoredBom } from '@saeq/shared/contracts/stored-results';
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
  problems,
  router,
  scoped,
  xlsxType,
} from '../openapi/route-kit.ts';
import * as S from '../openapi/schemas.ts';
import { bomEstimatePdf, pdfType } from '../use-cases/bom-estimate.ts';
import { BomRequest, findBom, submitBom } from '../use-cases/boms.ts';
import { BomFormatQuery, bomExport, inLang } from '../use-cases/stored-results.ts';

const tags = ['boms'];

const create = (deps: GatewayDeps) =>
  createRoute({
    method: 'post',
    path: '/',
    summary: 'A BOM from an item list, without a plan',
    tags,
    ...scoped(
      'plans:write',
      limitBody(4 * 1024 * 1024),
      idempotent(deps),
      jsonBody({ maxStringLength: 2000 }),
    ),
    request: { body: jsonRequestBody(BomRequest) },
    responses: { 202: jsonResponse('Accepted', S.Accepted), ...problems, ...notFound },
  });

const one = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'A BOM (JSON; CSV, XLSX or the estimate PDF with ?format=)',
  tags,
  ...scoped('plans:read'),
  request: { query: BomFormatQuery, params: IdParam },
  responses: {
    200: {
      description: 'BOM',
      content: {
        'application/json': { schema: S.BomView },
        'text/csv': binaryBody,
        [xlsxType]: binaryBody,
        [pdfType]: binaryBody,
      },
    },
    ...problems,
    ...notFound,
  },
});

/** `POST /v1/boms` (item list, no plan) and `GET /v1/boms/{id}[?format=csv|xlsx|pdf]`. */
export function bomRoutes(deps: GatewayDeps) {
  const app = router();

  app.openapi(create(deps), async (c) => {
    const row = await submitBom(deps, c.get('auth').organisationId, c.req.valid('json'), c.get('requestId'));
    const self = `/v1/boms/${row.id}`;
    c.header('Location', self);
    return c.json({ id: row.id, status: 'queued' as const, links: { self } }, 202);
  });

  app.openapi(one, async (c) => {
    const query = c.req.valid('query');
    const row = await findBom(deps.db.db, c.get('auth').organisationId, c.req.valid('param').id);
    const lang = c.get('lang');
    if (query.format !== 'json') {
      if (row.status !== 'completed' || !row.result)
        throw new AppError('not_found', {
          detail: { fr: 'Le bordereau n’est pas encore prêt.', en: 'The BOM is not ready yet.' },
        });
      const stored = row.result as StoredBom;
      const file =
        query.format === 'pdf'
          ? await bomEstimatePdf(deps, row.organisationId, stored, { kind: 'bom', bomId: row.id }, lang)
          : await bomExport(stored, query, lang, deps.store, `bom-${row.id.slice(0, 8)}`);
      c.header('Content-Type', file.contentType);
      c.header('Content-Disposition', `attachment; filename="${file.filename}"`);
      return c.body(file.body as Uint8Array<ArrayBuffer>);
    }
    return c.json(
      {
        id: row.id,
        status: row.status,
        ...(row.error ? { error: row.error } : {}),
        createdAt: row.createdAt.toISOString(),
        finishedAt: row.finishedAt?.toISOString() ?? null,
        ...(row.status === 'completed' && row.result ? inLang(row.result, lang) : {}),
      } as z.output<typeof S.BomView>,
      200,
    );
  });

  return app;
}
