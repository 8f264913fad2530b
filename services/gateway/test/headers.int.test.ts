import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { completeStage } from '@saeq/shared/plans';
import { buildTextPdf } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preferredEncoding } from '../src/middleware/compression.ts';
import { bearer, startTestGateway, type TestGateway } from './harness.ts';

// Response headers of issue 8: secure headers on every answer (errors included), HSTS only behind
// a TLS-terminating proxy, CORS from the allow-list only, compression of JSON that is worth it,
// and completed results cacheable for good with a validator.

const ALLOWED = 'https://console.entrepreneur.example';
let gw: TestGateway;
let plain: TestGateway;
/** A plan of `gw`'s acme whose compliance stage is complete: tens of kilobytes of JSON. */
let resultPlanId: string;

beforeAll(async () => {
  [gw, plain] = await Promise.all([
    startTestGateway({ CORS_ORIGINS: `${ALLOWED}, https://autre.example`, TRUST_PROXY_TLS: 'true' }),
    startTestGateway(),
  ]);
  await Promise.all([gw, plain].flatMap((g) => Object.values(g.deps.queues).map((q) => q.pause())));
  resultPlanId = await uploadPlan('PLAN — RÉSULTAT');
  // Stored with one rendering per language, as the workers store reports (`isStoredByLang`).
  const report = (lang: 'fr' | 'en') => ({
    edition: '2026',
    findings: Array.from({ length: 60 }, (_, i) => ({
      ruleId: `26-7${String(i).padStart(2, '0')}`,
      severity: 'warning',
      message: lang === 'fr' ? `Constat ${i} à vérifier sur place` : `Finding ${i} to check on site`,
    })),
  });
  await completeStage(
    gw.db.handle.db,
    resultPlanId,
    'compliance',
    { byLang: { fr: report('fr'), en: report('en') } },
    new Date(),
  );
});

async function uploadPlan(title: string): Promise<string> {
  const created = await gw.app.request('/v1/plans', {
    method: 'POST',
    body: await buildTextPdf([title]),
    headers: bearer(gw.keys.acme, { 'content-type': 'application/pdf' }),
  });
  expect(created.status).toBe(202);
  return ((await created.json()) as { id: string }).id;
}
afterAll(async () => {
  await Promise.all([gw?.close(), plain?.close()]);
});

function expectSecureHeaders(res: Response) {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  expect(res.headers.get('x-powered-by')).toBeNull();
}

describe('secure headers', () => {
  it('are on successes, errors and public routes alike', async () => {
    const answers = await Promise.all([
      gw.app.request('/v1/rules', { headers: bearer(gw.keys.acme) }),
      gw.app.request('/v1/rules'), // 401
      gw.app.request('/v1/nowhere', { headers: bearer(gw.keys.acme) }), // 404
      gw.app.request('/health'),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 401, 404, 200]);
    for (const res of answers) expectSecureHeaders(res);
  });

  it('sends HSTS only when TLS is terminated by a trusted proxy', async () => {
    const behindTls = await gw.app.request('/health');
    expect(behindTls.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    const direct = await plain.app.request('/health');
    expect(direct.headers.get('strict-transport-security')).toBeNull();
    expectSecureHeaders(direct);
  });
});

describe('CORS', () => {
  const preflight = (g: TestGateway, origin: string) =>
    g.app.request('/v1/plans', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      },
    });

  it('answers a preflight from an allowed origin, with credentials', async () => {
    const res = await preflight(gw, ALLOWED);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    const allowedHeaders = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['authorization', 'content-type', 'idempotency-key']) expect(allowedHeaders).toContain(h);
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });

  it('grants nothing to an origin off the list, nor to anyone when the list is empty', async () => {
    for (const res of [await preflight(gw, 'https://evil.example'), await preflight(plain, ALLOWED)]) {
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('exposes the headers clients need on actual cross-origin answers', async () => {
    const res = await gw.app.request('/v1/rules', { headers: bearer(gw.keys.acme, { origin: ALLOWED }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    for (const h of ['location', 'retry-after', 'ratelimit', 'etag', 'x-request-id'])
      expect(exposed).toContain(h);
    const refused = await gw.app.request('/v1/rules', {
      headers: bearer(gw.keys.acme, { origin: 'https://evil.example' }),
    });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('compression', () => {
  // A compliance report is kilobytes of JSON; a plan's status is a few hundred bytes.
  it('compresses large JSON with the encoding the client prefers, and says so in Vary', async () => {
    const path = `/v1/plans/${resultPlanId}/compliance`;
    const identity = await gw.app.request(path, { headers: bearer(gw.keys.acme) });
    const reference = await identity.text();
    expect(reference.length).toBeGreaterThan(5000);
    expect(identity.headers.get('content-encoding')).toBeNull();
    expect(identity.headers.get('vary')).toContain('Accept-Encoding');

    const gz = await gw.app.request(path, {
      headers: bearer(gw.keys.acme, { 'accept-encoding': 'gzip, deflate' }),
    });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const gzBytes = Buffer.from(await gz.arrayBuffer());
    expect(Number(gz.headers.get('content-length'))).toBe(gzBytes.byteLength);
    expect(gzBytes.byteLength).toBeLessThan(reference.length / 3);
    expect(gunzipSync(gzBytes).toString('utf8')).toBe(reference);

    const br = await gw.app.request(path, {
      headers: bearer(gw.keys.acme, { 'accept-encoding': 'gzip, deflate, br, zstd' }),
    });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString('utf8')).toBe(reference);
    expect(br.headers.get('vary')).toContain('Accept-Encoding');
  });

  it('leaves small answers and problem details under the threshold alone', async () => {
    const id = await uploadPlan('PLAN — EN-TÊTES');
    const status = await gw.app.request(`/v1/plans/${id}`, {
      headers: bearer(gw.keys.acme, { 'accept-encoding': 'br, gzip' }),
    });
    expect(status.status).toBe(200);
    expect(status.headers.get('content-encoding')).toBeNull();
    expect(((await status.json()) as { id: string }).id).toBe(id);
    const problem = await gw.app.request('/v1/rules', { headers: { 'accept-encoding': 'gzip' } });
    expect(problem.status).toBe(401);
    expect(problem.headers.get('content-encoding')).toBeNull();
  });

  it('never compresses binary answers such as PDFs or PNGs', async () => {
    const id = await uploadPlan('PLAN — APERÇU');
    const png = Buffer.alloc(4096, 7);
    const { sha256 } = await gw.deps.store.put(png);
    await completeStage(gw.db.handle.db, id, 'analysis', { previews: { '1': sha256 } }, new Date());
    const res = await gw.app.request(`/v1/plans/${id}/pages/1/preview.png`, {
      headers: bearer(gw.keys.acme, { 'accept-encoding': 'gzip, br' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
  });

  it('reads Accept-Encoding weights, including refusals and wildcards', () => {
    expect(preferredEncoding(undefined)).toBeNull();
    expect(preferredEncoding('identity')).toBeNull();
    expect(preferredEncoding('gzip')).toBe('gzip');
    expect(preferredEncoding('br;q=0.5, gzip;q=0.9')).toBe('gzip');
    expect(preferredEncoding('gzip;q=0.5, br')).toBe('br');
    expect(preferredEncoding('br;q=0, gzip')).toBe('gzip');
    expect(preferredEncoding('*')).toBe('br');
    expect(preferredEncoding('*;q=0.1, br;q=0')).toBe('gzip');
    expect(preferredEncoding('gzip;q=0, br;q=0')).toBeNull();
  });
});

describe('completed results', () => {
  it('are kept by clients but revalidated (corrections and re-runs change them), with a weak ETag once compressed', async () => {
    const pendingId = await uploadPlan('PLAN — EN ATTENTE');
    const pending = await gw.app.request(`/v1/plans/${pendingId}/compliance`, {
      headers: bearer(gw.keys.acme),
    });
    expect(pending.status).toBe(404);
    expect(pending.headers.get('cache-control') ?? '').not.toContain('private');

    const id = resultPlanId;
    const first = await gw.app.request(`/v1/plans/${id}/compliance`, { headers: bearer(gw.keys.acme) });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.headers.get('vary')).toContain('Accept-Language');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);

    const revalidated = await gw.app.request(`/v1/plans/${id}/compliance`, {
      headers: bearer(gw.keys.acme, { 'if-none-match': etag ?? '' }),
    });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');

    const compressed = await gw.app.request(`/v1/plans/${id}/compliance`, {
      headers: bearer(gw.keys.acme, { 'accept-encoding': 'gzip' }),
    });
    expect(compressed.headers.get('content-encoding')).toBe('gzip');
    expect(compressed.headers.get('etag')).toBe(`W/${etag}`);
    const english = await gw.app.request(`/v1/plans/${id}/compliance`, {
      headers: bearer(gw.keys.acme, { 'accept-language': 'en' }),
    });
    expect(english.headers.get('etag')).not.toBe(etag);
  });
});
