import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';

export type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

type Operation = { operationId?: string; parameters?: unknown[] };

/**
 * The OpenAPI 3.1 document of `app`, from the routes it declares with @hono/zod-openapi (the same
 * zod schemas validate the requests). Generated once: it costs a few hundred milliseconds.
 */
export function openApiDocument<E extends Env>(app: OpenAPIHono<E>, version: string): OpenApiDocument {
  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'SAEQ — Système d’Agents Électriques Québécois',
      version,
      description:
        'Plan analysis, Quebec electrical code calculations (CSA C22.10), bills of materials and specialist agents. Results are an aide à la vérification; a licensed master electrician signs off.',
    },
    servers: [{ url: '/' }],
  });
  document.components = {
    ...document.components,
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description:
          'API key of an organisation (scopes: plans:read, plans:write, agents:run, calc, admin), or the platform operator’s (operator: Bull Board, /health/detailed)',
      },
    },
  };
  // Every operation answers in Québec French or English, and gets a stable id from its path.
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      operation.operationId ??= operationId(method, path);
      operation.parameters = [
        ...(operation.parameters ?? []),
        { name: 'Accept-Language', in: 'header', schema: { type: 'string', example: 'en' } },
      ];
    }
  }
  return document;
}

/** `get` + `/v1/plans/{id}/analysis` → `getV1PlansIdAnalysis`. */
function operationId(method: string, path: string): string {
  return `${method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`;
}
