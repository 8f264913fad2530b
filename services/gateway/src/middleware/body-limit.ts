import { AppError } from '@saeq/shared/errors';
import { createMiddleware } from 'hono/factory';

/**
 * A per-route request body limit answering 413 problem+json. A declared `Content-Length` is
 * checked from the header alone (Node's HTTP parser never delivers more than it declares), and
 * the body is left untouched: reading `req.raw.body` turns @hono/node-server's lightweight
 * request into a full web `Request` with a web stream — the second most expensive step of a
 * small JSON POST (bench/enqueue.ts profile). A chunked body is counted as it streams, through a
 * pass-through that errors with the 413 once over the cap; unlike Hono's `bodyLimit`, it never
 * buffers the body, so a streamed upload stays streamed.
 */
export function limitBody(maxBytes: number) {
  return createMiddleware(async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number.parseInt(declared, 10) > maxBytes) throw new AppError('payload_too_large');
      await next();
      return;
    }
    const original = c.req.raw;
    if (original.body) {
      // A fresh Request: one built from `original` would refuse its body, locked by the pipe.
      c.req.raw = new Request(original.url, {
        method: original.method,
        headers: original.headers,
        signal: original.signal,
        body: original.body.pipeThrough(countingCap(maxBytes)),
        duplex: 'half',
      } as RequestInit);
    }
    await next();
  });
}

function countingCap(maxBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let size = 0;
  return new TransformStream({
    transform(chunk, controller) {
      size += chunk.byteLength;
      if (size > maxBytes) controller.error(new AppError('payload_too_large'));
      else controller.enqueue(chunk);
    },
  });
}
