import { AppError } from '@saeq/shared/errors';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';

export type JsonLimits = { maxDepth: number; maxStringLength: number; maxKeys: number };

export const defaultJsonLimits: JsonLimits = { maxDepth: 32, maxStringLength: 100_000, maxKeys: 20_000 };

/**
 * Parses a JSON request body with structural limits (nesting depth, string length, total keys),
 * so a hostile document cannot make validation or storage explode. 400 for broken JSON, 413 past
 * the limits; the content type must be JSON (415 otherwise).
 */
export async function readJsonBody(c: Context, limits: Partial<JsonLimits> = {}): Promise<unknown> {
  const l = { ...defaultJsonLimits, ...limits };
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json' && !type?.endsWith('+json')) throw notJson();
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('bad_request', { detail: { fr: 'Corps JSON invalide.', en: 'Invalid JSON body.' } });
  }
  const problem = checkJsonLimits(value, l);
  if (problem) throw new AppError('payload_too_large', { detail: problem });
  return value;
}

/** The JSON content types @hono/zod-openapi lets through to a route's JSON body validator. */
const JSON_CONTENT_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

function notJson(): AppError {
  return new AppError('unsupported_media_type', {
    detail: {
      fr: 'Le corps doit être du JSON (Content-Type: application/json).',
      en: 'The body must be JSON (Content-Type: application/json).',
    },
  });
}

/**
 * readJsonBody as a route middleware, for routes whose body @hono/zod-openapi validates: it runs
 * after auth, scope, rate limit, body limit and idempotency, and before the validator, which then
 * gets this very parse (no second JSON.parse of the text) through `c.req.json()`.
 */
export function jsonBody(limits: Partial<JsonLimits> = {}) {
  return createMiddleware(async (c, next) => {
    // Refuse here, with our message, what the validator's media-type gate would refuse (it
    // answers a bare 415): a JSON type with well-formed parameters.
    if (!JSON_CONTENT_TYPE.test(c.req.header('content-type') ?? '')) throw notJson();
    const value = await readJsonBody(c, limits);
    // HonoRequest.json() re-parses the cached text on every call; this request's answer is known.
    Object.defineProperty(c.req, 'json', { value: () => Promise.resolve(value), configurable: true });
    await next();
  });
}

/** Walks the document iteratively (no recursion: depth is what we are guarding against). */
export function checkJsonLimits(value: unknown, limits: JsonLimits): { fr: string; en: string } | null {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  let keys = 0;
  while (stack.length > 0) {
    const { v, depth } = stack.pop() as { v: unknown; depth: number };
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength) {
        return {
          fr: `Chaîne trop longue (max ${limits.maxStringLength} caractères).`,
          en: `String too long (max ${limits.maxStringLength} characters).`,
        };
      }
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limits.maxDepth) {
      return {
        fr: `JSON trop imbriqué (max ${limits.maxDepth} niveaux).`,
        en: `JSON nested too deeply (max ${limits.maxDepth} levels).`,
      };
    }
    const children: unknown[] = Array.isArray(v) ? v : Object.entries(v).flat();
    keys += Array.isArray(v) ? v.length : children.length / 2;
    if (keys > limits.maxKeys) {
      return {
        fr: `Document JSON trop grand (max ${limits.maxKeys} éléments).`,
        en: `JSON document too large (max ${limits.maxKeys} elements).`,
      };
    }
    for (const child of children) stack.push({ v: child, depth: depth + 1 });
  }
  return null;
}
