import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { GatewayEnvBindings } from '../deps.ts';

/** Where `vite build` in apps/console writes the console. */
export const defaultConsoleDir = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../apps/console/dist',
);

/** Paths the console never answers: they belong to the API and operations routes. */
const RESERVED_PREFIXES = ['/v1', '/health', '/metrics', '/admin', '/openapi.json', '/docs'];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The console's own policy: everything from this origin, nothing inline. The gateway hardening
 * may set a global CSP too; both allow the console (it needs no more than 'self').
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function isReservedPath(path: string): boolean {
  return RESERVED_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * Serves the console's production build (apps/console/dist): hashed files under /assets/ cached
 * for a year (`immutable`), index.html and the other files revalidated on each use (`no-cache`,
 * with an ETag). Any other GET outside the API's paths answers index.html, so the console's own
 * paths (/plans/…, /calculations) load on reload. Mount at '/' after the API routes. Without a
 * build, or for reserved paths, the request goes on to the next handler (the gateway's 404).
 */
export function consoleRoutes(options: { dir?: string } = {}) {
  const root = resolve(options.dir ?? defaultConsoleDir);
  const app = new Hono<GatewayEnvBindings>();

  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (isReservedPath(path)) return next();
    // A missing file (a path whose last segment has an extension) is a real 404; other paths
    // are the console's own and answer index.html.
    const looksLikeFile = /\.[^/]*$/.test(path);
    const file =
      (await resolveFile(root, path)) ?? (looksLikeFile ? null : await resolveFile(root, '/index.html'));
    if (!file) return next();
    const isIndex = file.path === resolve(root, 'index.html');
    const etag = `W/"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
    const hashed = path.startsWith('/assets/') && !isIndex;
    c.header('Cache-Control', hashed ? IMMUTABLE : 'no-cache');
    c.header('ETag', etag);
    c.header('Content-Type', CONTENT_TYPES[extname(file.path)] ?? 'application/octet-stream');
    c.header('X-Content-Type-Options', 'nosniff');
    if (isIndex) c.header('Content-Security-Policy', CONSOLE_CSP);
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.body(new Uint8Array(await readFile(file.path)));
  });

  return app;
}

/** A regular file inside `root` for a URL path, or null (never a path outside `root`). */
async function resolveFile(
  root: string,
  urlPath: string,
): Promise<{ path: string; size: number; mtimeMs: number } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = resolve(root, `.${decoded}`);
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  try {
    const s = await stat(candidate);
    return s.isFile() ? { path: candidate, size: s.size, mtimeMs: s.mtimeMs } : null;
  } catch {
    return null;
  }
}
