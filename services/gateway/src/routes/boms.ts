import type { StoredBom } from '@saeq/shared/contracts/stored-results';
import { AppError } from '@saeq/shared/errors';
import { Hono } from 'hono';
import type { GatewayDeps, GatewayEnvBindings } from '../deps.ts';
import { requireScope } from '../middleware/auth.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { readJsonBody } from '../middleware/json-body.ts';
import { validationError } from '../problem.ts';
import { BomRequest, findBom, submitBom } from '../use-cases/boms.ts';
import { BomFormatQuery, bomExport, inLang } from '../use-cases/stored-results.ts';
import { parseId } from './ids.ts';

/** `POST /v1/boms` (item list, no plan) and `GET /v1/boms/{id}[?format=csv|xlsx]`. */
export function bomRoutes(deps: GatewayDeps) {
  const app = new Hono<GatewayEnvBindings>();

  app.post('/', requireScope('plans:write'), limitBody(4 * 1024 * 1024), idempotent(deps), async (c) => {
    const body = await readJsonBody(c, { maxStringLength: 2000 });
    const parsed = BomRequest.safeParse(body);
    if (!parsed.success) throw validationError(parsed.error);
    const row = await submitBom(deps, c.get('auth').organisationId, parsed.data, c.get('requestId'));
    const self = `/v1/boms/${row.id}`;
    c.header('Location', self);
    return c.json({ id: row.id, status: 'queued' as const, links: { self } }, 202);
  });

  app.get('/:id', requireScope('plans:read'), async (c) => {
    const query = BomFormatQuery.safeParse(c.req.query());
    if (!query.success) throw validationError(query.error);
    const row = await findBom(deps.db.db, c.get('auth').organisationId, parseId(c.req.param('id')));
    const lang = c.get('lang');
    if (query.data.format !== 'json') {
      if (row.status !== 'completed' || !row.result)
        throw new AppError('not_found', {
          detail: { fr: 'Le bordereau n’est pas encore prêt.', en: 'The BOM is not ready yet.' },
        });
      const file = await bomExport(
        row.result as StoredBom,
        query.data,
        lang,
        deps.store,
        `bom-${row.id.slice(0, 8)}`,
      );
      c.header('Content-Type', file.contentType);
      c.header('Content-Disposition', `attachment; filename="${file.filename}"`);
      return c.body(file.body as Uint8Array<ArrayBuffer>);
    }
    return c.json({
      id: row.id,
      status: row.status,
      ...(row.error ? { error: row.error } : {}),
      createdAt: row.createdAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
      ...(row.status === 'completed' && row.result ? inLang(row.result, lang) : {}),
    });
  });

  return app;
}
