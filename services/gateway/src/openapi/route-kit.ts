import { type Hook, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Scope } from '@saeq/shared/auth';
import type { MiddlewareHandler } from 'hono';
import type { GatewayEnvBindings } from '../deps.ts';
import { requireScope } from '../middleware/auth.ts';
import { validationError } from '../problem.ts';
import * as S from './schemas.ts';

/**
 * What every route module needs to declare its routes with @hono/zod-openapi: the router (whose
 * failed validations become our RFC 9457 400), the documented problem responses, the path
 * parameters and the security declaration of a scope.
 */

/** A failed request validation (query, path, body) answers our problem+json 400, never zod's JSON. */
export const validationHook: Hook<unknown, GatewayEnvBindings, string, undefined> = (result) => {
  if (!result.success) throw validationError(result.error);
};

/** An OpenAPIHono app whose `openapi()` routes validate into problem+json. */
export function router() {
  return new OpenAPIHono<GatewayEnvBindings>({ defaultHook: validationHook });
}

/** A problem+json (RFC 9457) response. */
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: S.Problem } },
});

/** Problem responses most authenticated routes can give. */
export const problems = {
  400: problem('Invalid input (one entry per bad field in `errors`)'),
  401: problem('Missing or invalid API key'),
  403: problem('The key lacks the required scope'),
  429: problem('Rate limited (see Retry-After and RateLimit headers)'),
};
export const notFound = { 404: problem('Unknown id, or another organisation’s resource') };

/** A JSON response of `schema`. */
export function jsonResponse<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { 'application/json': { schema } } };
}

/** A response whose body is not JSON (file, stream, text): documented as a string of `contentType`. */
export function binaryResponse(contentType: string, description: string) {
  return {
    description,
    content: { [contentType]: { schema: { type: 'string' as const, format: 'binary' } } },
  };
}

/** A JSON request body validated with `schema` (after jsonBody() has read it with its limits). */
export function jsonRequestBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

/**
 * The security declaration of a route: `scope` required ('any' for any valid key, null for a
 * public route). Shown in the document as `security`, `x-required-scope` and the description.
 */
export function requires(scope: Scope | 'any' | null) {
  if (scope === null) return { security: [], description: 'Public: no API key.' };
  if (scope === 'any') return { security: [{ bearer: [] }], description: 'Any valid API key.' };
  return {
    security: [{ bearer: [scope] }],
    'x-required-scope': scope,
    description: `Requires an API key with scope \`${scope}\`.`,
  };
}

/**
 * A route that needs `scope`: declared in the document (`requires`) and enforced first in its
 * middleware, before `more` (rate limits, body limits…), from the one argument, so what the
 * document says and what the route checks cannot drift apart.
 */
export function scoped(scope: Scope, ...more: MiddlewareHandler[]) {
  return { ...requires(scope), middleware: [requireScope(scope), ...more] };
}

/** A malformed UUID is a 400 naming the field (API.md), an unknown one a 404 (answered later); ids are compared lowercase. */
export const Uuid = z
  .uuid({ error: 'identifiant UUID invalide / invalid UUID' })
  .transform((id) => id.toLowerCase());
export const IdParam = z.object({ id: Uuid });

/**
 * A request body schema for the document only: the route reads that body itself (multipart,
 * raw files), so @hono/zod-openapi must not validate it — it validates zod schemas, not these.
 */
export function documentedOnly(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...jsonSchema } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return jsonSchema;
}

export const binaryBody = { schema: { type: 'string' as const, format: 'binary' } };

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Query parameters for the document only (the route reads and validates them itself). */
export function documentedQuery(schema: z.ZodObject) {
  const json = documentedOnly(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query' as const,
    required: (json.required ?? []).includes(name),
    schema: property as { type: 'string' },
  }));
}
