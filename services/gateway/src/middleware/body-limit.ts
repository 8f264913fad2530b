import { AppError } from '@saeq/shared/errors';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';

/**
 * A per-route request body limit answering 413 problem+json. A declared `Content-Length` is
 * checked from the header alone (Node's HTTP parser never delivers more than it declares); only
 * chunked bodies go through Hono's `bodyLimit`, which counts the bytes as they stream. Hono's
 * middleware reads `req.raw.body` even when the length is declared, turning @hono/node-server's
 * lightweight request into a full web `Request` with a web stream — the second most expensive
 * step of a small JSON POST (bench/enqueue.ts profile).
 */
export function limitBody(maxBytes: number) {
  const streaming = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError('payload_too_large');
    },
  });
  return createMiddleware(async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number.parseInt(declared, 10) > maxBytes) throw new AppError('payload_too_large');
      await next();
      return;
    }
    await streaming(c, next);
  });
}
