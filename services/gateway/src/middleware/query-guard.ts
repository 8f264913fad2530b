import { AppError } from '@saeq/shared/errors';
import { createMiddleware } from 'hono/factory';

/**
 * HTTP parameter pollution guard: a query parameter given twice is refused (400) instead of
 * letting one layer read the first value and another the last.
 */
export const rejectDuplicateQueryParams = createMiddleware(async (c, next) => {
  const url = new URL(c.req.url);
  const seen = new Set<string>();
  for (const key of url.searchParams.keys()) {
    if (seen.has(key)) {
      throw new AppError('validation_failed', {
        errors: [{ path: key, message: 'paramètre répété / repeated query parameter' }],
      });
    }
    seen.add(key);
  }
  if (url.search.length > 2048) {
    throw new AppError('bad_request', {
      detail: { fr: 'Chaîne de requête trop longue.', en: 'Query string too long.' },
    });
  }
  await next();
});
