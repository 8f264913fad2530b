import { createMiddleware } from 'hono/factory';

/**
 * A plan's results change when an estimator corrects its analysis (a new revision, then BOM and
 * compliance again) or re-runs it with new legend mappings: clients may keep them (private: a
 * client's confidential plan data) but revalidate each time with ETag / If-None-Match, which
 * costs a 304 when nothing changed. Only 200s are marked; the body differs by language, hence
 * `Vary: Accept-Language`.
 */
export const revalidateWhenOk = createMiddleware(async (c, next) => {
  await next();
  if (c.res.status === 200) {
    // On the response's own headers: c.header() after next() would rebuild the whole response.
    c.res.headers.set('Cache-Control', 'private, no-cache');
    c.res.headers.set('Vary', 'Accept-Language, Authorization');
  }
});
