import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** JSON, problem+json, CSV, text and the like; never event streams, images, PDFs or XLSX (zipped). */
const COMPRESSIBLE =
  /^\s*(?:text\/(?!event-stream\b)[^;\s]+|application\/(?:[^;\s]+\+)?(?:json|xml|javascript))\s*(?:;|$)/i;
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;
/** Below this the event loop compresses inline: a thread-pool round trip costs more than the work. */
const INLINE_MAX_BYTES = 32 * 1024;
/** Brotli's default quality (11) is for static assets; 4 is faster than gzip -6 and smaller. */
const BROTLI_QUALITY = 4;

type Encoding = 'br' | 'gzip';

/**
 * Compresses buffered answers of at least `threshold` bytes with brotli or gzip, whichever the
 * client prefers. Hono's `compress()` decides on `Content-Length`, which `c.json()` never sets, so
 * it streamed every JSON answer — polling answers of a few hundred bytes included — through a
 * web `CompressionStream`, the most expensive step of `GET /v1/plans/{id}` (bench/get-plan.ts).
 * Here the size is known before deciding and clients that do not ask for compression cost
 * nothing. Every compressible answer of this API is buffered (event streams are excluded by type).
 */
export function compressAnswers(opts: { threshold: number }) {
  return createMiddleware(async (c, next) => {
    await next();
    const res = c.res;
    if (c.req.method === 'HEAD' || res.status === 204 || res.status === 206 || res.status === 304) return;
    const type = res.headers.get('Content-Type');
    if (!type || !COMPRESSIBLE.test(type) || res.headers.has('Content-Encoding')) return;
    if (NO_TRANSFORM.test(res.headers.get('Cache-Control') ?? '')) return;
    // Caches must key on Accept-Encoding whether or not this particular answer was compressed.
    appendVary(c, 'Accept-Encoding');
    const encoding = preferredEncoding(c.req.header('Accept-Encoding'));
    if (!encoding) return;
    const declared = res.headers.get('Content-Length');
    if (declared !== null && Number(declared) < opts.threshold) return;
    const body = new Uint8Array(await res.arrayBuffer());
    if (body.byteLength < opts.threshold) {
      c.res = new Response(body, res);
      return;
    }
    const compressed = await compress(body, encoding);
    c.res = new Response(new Uint8Array(compressed), res);
    c.res.headers.set('Content-Encoding', encoding);
    c.res.headers.set('Content-Length', String(compressed.byteLength));
    // The representation changed: a strong validator would now be wrong (RFC 9110 §8.8.1).
    const etag = c.res.headers.get('ETag');
    if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
  });
}

async function compress(body: Uint8Array, encoding: Encoding): Promise<Buffer> {
  const brotliOptions = { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } };
  if (body.byteLength <= INLINE_MAX_BYTES) {
    return encoding === 'br' ? brotliCompressSync(body, brotliOptions) : gzipSync(body);
  }
  return encoding === 'br' ? brotliAsync(body, brotliOptions) : gzipAsync(body);
}

/** The encoding the client weights highest (RFC 9110 §12.5.3); brotli wins ties. */
export function preferredEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(token, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (name: Encoding) => weights.get(name) ?? weights.get('*') ?? 0;
  const best = (['br', 'gzip'] as const).reduce<{ name: Encoding; q: number } | null>((acc, name) => {
    const q = weightOf(name);
    return q > 0 && (!acc || q > acc.q) ? { name, q } : acc;
  }, null);
  return best?.name ?? null;
}

/**
 * On the finished response's own headers: `c.header()` after `next()` rebuilds the response from
 * its body (a full web `Response`), which is what made this middleware expensive at first.
 */
function appendVary(c: Context, field: string): void {
  const headers = c.res.headers;
  const current = headers.get('Vary');
  if (current === '*') return;
  if (current?.split(',').some((v) => v.trim().toLowerCase() === field.toLowerCase())) return;
  headers.set('Vary', current ? `${current}, ${field}` : field);
}
