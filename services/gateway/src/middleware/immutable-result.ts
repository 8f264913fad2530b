import { createMiddleware } from 'hono/factory';

/**
 * Completed stage results never change: let clients cache them for good (private: they are a
 * client's confidential plan data) and revalidate with ETag / If-None-Match. Only 200s are
 * marked; the body differs by language, hence `Vary: Accept-Language`.
 */
export const immutableWhenOk = createMiddleware(async (c, next) => {
  await next();
  if (c.res.status === 200) {
    // On the response's own headers: c.header() after next() would rebuild the whole response.
    c.res.headers.set('Cache-Control', 'private, max-age=31536000, immutable');
    c.res.headers.set('Vary', 'Accept-Language, Authorization');
  }
});
