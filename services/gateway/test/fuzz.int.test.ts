import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestGateway, type TestGateway } from './harness.ts';

// Property-based fuzzing of every documented endpoint with hostile values: whatever comes in,
// the gateway answers without a 5xx, errors are problem+json, and no body carries a stack trace.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ RATE_LIMITS_ENABLED: 'false', MAX_UPLOAD_MB: '1' });
  await Promise.all(Object.values(gw.deps.queues).map((q) => q.pause()));
});
afterAll(async () => {
  await gw?.close();
});

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    '../../etc/passwd',
    '..%2F..%2Fetc%2Fpasswd',
    "' OR 1=1 --",
    '"; DROP TABLE plans; --',
    '$(rm -rf /)',
    '`id`',
    '%00',
    '\u0000\u0001\u001f',
    '🔌⚡️'.repeat(50),
    'A'.repeat(100_000),
    '{"a":',
    'NaN',
    '-1',
    '1e309',
    '00000000-0000-0000-0000-000000000000',
    '<script>alert(1)</script>',
  ),
);

const deepJson = fc.integer({ min: 1, max: 200 }).map((depth) => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? { a: v } : [v];
  return v;
});

const hostileJson = fc.oneof(
  fc.jsonValue(),
  deepJson,
  fc.dictionary(
    hostileString,
    fc.oneof(hostileString, fc.integer(), fc.double(), fc.constant(null), fc.boolean()),
  ),
  fc
    .array(fc.anything(), { maxLength: 5 })
    .map((a) => JSON.parse(JSON.stringify(a, (_k, v) => (typeof v === 'bigint' ? String(v) : v)) ?? 'null')),
  fc.constant({
    message: null,
    items: 'x',
    livingAreaM2: -1,
    units: [{}],
    currentA: 'lots',
    contentBase64: '@@@',
    filename: '../x',
  }),
);

function fillPath(template: string, segment: string): string {
  return template.replace(/\{[^}]+\}/g, () => encodeURIComponent(segment));
}

async function assertWellFormed(res: Response, label: string) {
  expect(res.status, label).toBeLessThan(500);
  const text = await res.text();
  expect(text, label).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // no stack trace
  if (res.status >= 400) {
    expect(res.headers.get('content-type'), label).toContain('application/problem+json');
    const problem = JSON.parse(text) as { status: number; code: string; title: string };
    expect(problem.status, label).toBe(res.status);
    expect(typeof problem.code, label).toBe('string');
  }
}

/** Every /v1 route the app declares with @hono/zod-openapi (what /openapi.json documents). */
function v1Routes(): { method: string; path: string }[] {
  return gw.app.openAPIRegistry.definitions.flatMap((d) =>
    d.type === 'route' && d.route.path.startsWith('/v1/')
      ? [{ method: d.route.method, path: d.route.path }]
      : [],
  );
}

describe('fuzzing every documented route', () => {
  it('finds the /v1 routes to fuzz', () => {
    expect(v1Routes().length).toBeGreaterThan(30);
  });

  it('survives hostile path parameters and query strings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...v1Routes()),
        hostileString,
        fc.array(
          fc.tuple(fc.constantFrom('limit', 'cursor', 'format', 'edition', 'separator', 'x'), hostileString),
          { maxLength: 4 },
        ),
        async (route, segment, query) => {
          const qs = new URLSearchParams(query).toString();
          const path = `${fillPath(route.path, segment)}${qs ? `?${qs}` : ''}`;
          const res = await gw.app.request(path, {
            method: route.method.toUpperCase(),
            headers: bearer(gw.keys.acme),
          });
          await assertWellFormed(res, `${route.method} ${path.slice(0, 200)}`);
        },
      ),
      { numRuns: 250 },
    );
  }, 120_000);

  it('survives hostile bodies on every route that takes one', async () => {
    const withBody = v1Routes().filter((r) => r.method === 'post');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withBody),
        hostileJson,
        fc.constantFrom(
          'application/json',
          'text/csv',
          'application/pdf',
          'multipart/form-data; boundary=x',
          'text/plain',
          '',
        ),
        async (route, body, contentType) => {
          const path = fillPath(
            route.path,
            route.path.includes('agentId') ? 'electrical-calculator' : '00000000-0000-4000-8000-000000000000',
          );
          const payload = typeof body === 'string' ? body : JSON.stringify(body);
          const headers = bearer(gw.keys.acme, contentType ? { 'content-type': contentType } : {});
          const res = await gw.app.request(path, { method: 'POST', headers, body: payload ?? 'null' });
          await assertWellFormed(res, `POST ${path} ${contentType}`);
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it('answers unauthenticated and wrongly authenticated calls with problem+json', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...v1Routes()), fc.option(hostileString), async (route, key) => {
        const headers: Record<string, string> = {};
        if (key !== null) headers.authorization = `Bearer ${key.replace(/[^\x20-\x7e]/g, '')}`;
        const res = await gw.app.request(fillPath(route.path, 'x'), {
          method: route.method.toUpperCase(),
          headers,
        });
        await assertWellFormed(res, `${route.method} ${route.path}`);
        expect([400, 401, 404]).toContain(res.status);
      }),
      { numRuns: 100 },
    );
  });
});
