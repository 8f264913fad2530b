import { createRoute, type z } from '@hono/zod-openapi';
import type { GatewayDeps } from '../deps.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { jsonBody } from '../middleware/json-body.ts';
import {
  IdParam,
  jsonRequestBody,
  jsonResponse,
  notFound,
  problems,
  router,
  scoped,
} from '../openapi/route-kit.ts';
import * as S from '../openapi/schemas.ts';
import {
  deleteLegendMapping,
  legendMappingView,
  listLegendMappings,
  putLegendMapping,
} from '../use-cases/legend-mappings.ts';

const tags = ['legend mappings'];

const list = createRoute({
  method: 'get',
  path: '/',
  summary: 'The organisation’s legend wordings mapped to device types',
  tags,
  ...scoped('plans:read'),
  responses: { 200: jsonResponse('Mappings, by normalised wording', S.LegendMappingList), ...problems },
});

const put = createRoute({
  method: 'put',
  path: '/',
  summary:
    'Map a legend wording to a device type (one mapping per normalised wording; later analyses and re-runs use it)',
  tags,
  ...scoped('plans:write', limitBody(16 * 1024), jsonBody()),
  request: { body: jsonRequestBody(S.PutLegendMapping) },
  responses: {
    200: jsonResponse('The wording was mapped already: its type is replaced', S.LegendMapping),
    201: jsonResponse('Mapped', S.LegendMapping),
    ...problems,
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  summary: 'Remove a legend mapping (later analyses use the built-in vocabulary again)',
  tags,
  ...scoped('plans:write'),
  request: { params: IdParam },
  responses: { 204: { description: 'Removed' }, ...problems, ...notFound },
});

/** `/v1/legend-mappings`: an organisation's own legend wording, applied by every later analysis. */
export function legendMappingRoutes(deps: GatewayDeps) {
  const app = router();
  app.openapi(list, async (c) => {
    const rows = await listLegendMappings(deps.db.db, c.get('auth').organisationId);
    return c.json({ items: rows.map(legendMappingView) } as z.output<typeof S.LegendMappingList>, 200);
  });
  app.openapi(put, async (c) => {
    const { row, created } = await putLegendMapping(
      deps.db.db,
      c.get('auth').organisationId,
      c.req.valid('json'),
      deps.now(),
    );
    const view = legendMappingView(row) as z.output<typeof S.LegendMapping>;
    return created ? c.json(view, 201) : c.json(view, 200);
  });
  app.openapi(remove, async (c) => {
    await deleteLegendMapping(deps.db.db, c.get('auth').organisationId, c.req.valid('param').id);
    return c.body(null, 204);
  });
  return app;
}
