import { Hono } from 'hono';
import type { GatewayDeps, GatewayEnvBindings } from '../deps.ts';
import { docsCss, renderDocsPage } from '../openapi/docs-page.ts';
import { buildOpenApi } from '../openapi/registry.ts';

/** `/openapi.json` (OpenAPI 3.1 from the zod schemas) and `/docs` (its human-readable rendering). */
export function docsRoutes(deps: GatewayDeps) {
  const document = buildOpenApi(deps.env.SERVICE_VERSION);
  const page = renderDocsPage(document as Parameters<typeof renderDocsPage>[0]);
  const app = new Hono<GatewayEnvBindings>();
  app.get('/openapi.json', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(document);
  });
  app.get('/docs', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.html(page);
  });
  app.get('/docs/style.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(docsCss);
  });
  return app;
}
