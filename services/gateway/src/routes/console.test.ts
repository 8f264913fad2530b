import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayEnvBindings } from '../deps.ts';
import { CONSOLE_CSP, consoleRoutes, isReservedPath } from './console.ts';

const INDEX =
  '<!doctype html><title>SAEQ</title><script type="module" src="/assets/index-abc123.js"></script>';
const SCRIPT = 'console.log("x")';
let dir: string;

/** The gateway's shape: API routes with auth middleware first, then the console at '/'. */
function gatewayLike(consoleDir: string) {
  const app = new Hono<GatewayEnvBindings>();
  app.notFound((c) => c.json({ title: 'Introuvable', status: 404 }, 404));
  app.get('/health', (c) => c.json({ status: 'ok' }));
  const v1 = new Hono<GatewayEnvBindings>();
  v1.use('*', async (c, next) => {
    if (!c.req.header('authorization')) return c.json({ status: 401 }, 401);
    return next();
  });
  v1.get('/plans', (c) => c.json({ items: [] }));
  app.route('/v1', v1);
  app.route('/', consoleRoutes({ dir: consoleDir }));
  return app;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'saeq-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(tmpdir(), 'saeq-console-secret.txt'), 'secret');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'saeq-console-secret.txt'), { force: true });
});

describe('consoleRoutes', () => {
  it('serves index.html at / with no-cache and the console CSP', async () => {
    const res = await gatewayLike(dir).request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(res.headers.get('etag')).toMatch(/^W\/"/);
    expect(await res.text()).toBe(INDEX);
  });

  it('serves hashed assets as immutable for a year', async () => {
    const res = await gatewayLike(dir).request('/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBeNull();
    expect(await res.text()).toBe(SCRIPT);
  });

  it('revalidates unhashed files (no-cache) and answers 304 to a matching ETag', async () => {
    const app = gatewayLike(dir);
    const first = await app.request('/favicon.svg');
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(first.headers.get('content-type')).toBe('image/svg+xml');
    const etag = first.headers.get('etag') ?? '';
    const again = await app.request('/favicon.svg', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('answers index.html for the console’s own paths (SPA fallback)', async () => {
    for (const path of [
      '/plans/0b9a3a2e-55b1-4a43-8d7c-6c4e4a0d7f10',
      '/plans/0b9a3a2e-55b1-4a43-8d7c-6c4e4a0d7f10/bom',
      '/calculations/voltage-drop',
      '/agents',
    ]) {
      const res = await gatewayLike(dir).request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect(await res.text(), path).toBe(INDEX);
    }
  });

  it('leaves API and operations paths to the gateway, including unknown ones', async () => {
    const app = gatewayLike(dir);
    expect((await app.request('/health')).status).toBe(200);
    expect((await app.request('/v1/plans')).status).toBe(401);
    const unknown = await app.request('/v1/nothing-here', { headers: { Authorization: 'Bearer x' } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ title: 'Introuvable', status: 404 });
    const metrics = await app.request('/metrics/whatever');
    expect(metrics.status).toBe(404);
    expect(isReservedPath('/v1')).toBe(true);
    expect(isReservedPath('/v1x')).toBe(false);
  });

  it('answers 404 for a missing file rather than index.html', async () => {
    const app = gatewayLike(dir);
    expect((await app.request('/assets/index-missing.js')).status).toBe(404);
    expect((await app.request('/robots.txt')).status).toBe(404);
  });

  it('never serves a file outside the build directory', async () => {
    const app = gatewayLike(dir);
    for (const path of [
      '/..%2fsaeq-console-secret.txt',
      '/%2e%2e/saeq-console-secret.txt',
      '/assets/..%2f..%2fsaeq-console-secret.txt',
    ]) {
      const res = await app.request(path);
      expect(await res.text(), path).not.toContain('secret');
    }
  });

  it('answers HEAD like GET without a body', async () => {
    const res = await gatewayLike(dir).request('/', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe('');
  });

  it('steps aside when the console is not built', async () => {
    const res = await gatewayLike(join(dir, 'nope')).request('/');
    expect(res.status).toBe(404);
  });
});
