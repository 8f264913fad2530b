import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CalculationKind } from '@saeq/electrical-code';
import {
  type RunningService,
  repoRoot,
  startService,
  testRedisUrl,
  waitFor,
  waitHealthy,
} from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type buildOpenApi, type RouteDoc, routeDocs } from '../src/openapi/registry.ts';
import { bearer, startTestGateway, type TestGateway } from './harness.ts';

// /openapi.json is generated from the zod schemas; these tests keep the document honest: every
// served route is documented, every documented route is served, and real answers match the
// documented response schemas.

let gw: TestGateway;
const services: RunningService[] = [];

beforeAll(async () => {
  // No rate limits: polling the plan every 100 ms spends the key's general limit (100 per
  // 15 min) in ~10 s, after which a plan a loaded machine takes longer to finish is only 429s.
  gw = await startTestGateway({ RATE_LIMITS_ENABLED: 'false' });
  const common = {
    DATABASE_URL: gw.db.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: gw.prefix,
    DATA_DIR: gw.dataDir,
    METRICS_HOST: '127.0.0.1',
  };
  const base = 20_400 + Math.floor(Math.random() * 200);
  services.push(startService('worker-pdf', { ...common, METRICS_PORT: String(base) }));
  services.push(startService('worker-bom', { ...common, METRICS_PORT: String(base + 1) }));
  await Promise.all([
    waitHealthy(`http://127.0.0.1:${base}/health/ready`, 30_000),
    waitHealthy(`http://127.0.0.1:${base + 1}/health/ready`, 30_000),
  ]);
}, 60_000);
afterAll(async () => {
  for (const s of services) s.kill('SIGTERM');
  await Promise.all(services.map((s) => s.exited));
  await gw?.close();
});

/** Served API routes as "METHOD /path/{param}" (Bull Board and the console's static files aside). */
function servedRoutes(): Set<string> {
  const out = new Set<string>();
  for (const r of gw.app.routes) {
    if (!['GET', 'POST', 'DELETE'].includes(r.method)) continue;
    if (r.path.endsWith('*') || r.path.startsWith('/admin/queues') || r.path === '/docs/style.css') continue;
    if (
      !r.path.startsWith('/v1') &&
      !r.path.startsWith('/health') &&
      !['/metrics', '/openapi.json', '/docs'].includes(r.path)
    )
      continue;
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    // One generic handler serves every calculation kind; each kind is documented on its own.
    if (path === '/v1/calculations/{kind}')
      for (const kind of CalculationKind.options) out.add(`${r.method} /v1/calculations/${kind}`);
    else out.add(`${r.method} ${path}`);
  }
  return out;
}

function doc(method: string, path: string): RouteDoc {
  const d = routeDocs.find((r) => r.method === method && r.path === path);
  if (!d) throw new Error(`undocumented ${method} ${path}`);
  return d;
}

function expectShape(method: RouteDoc['method'], path: string, status: number, body: unknown) {
  const schema = doc(method, path).responses[status]?.schema as z.ZodType | undefined;
  expect(schema, `${method} ${path} documents ${status}`).toBeDefined();
  const parsed = schema?.safeParse(body);
  expect(
    parsed?.success,
    `${method} ${path} ${status}: ${JSON.stringify(parsed?.error?.issues.slice(0, 3))}`,
  ).toBe(true);
}

describe('OpenAPI document', () => {
  it('documents every served route, and serves every documented one', () => {
    const documented = new Set(routeDocs.map((r) => `${r.method.toUpperCase()} ${r.path}`));
    const served = servedRoutes();
    expect(
      [...served].filter((r) => !documented.has(r)),
      'served but undocumented',
    ).toEqual([]);
    expect(
      [...documented].filter((r) => !served.has(r)),
      'documented but not served',
    ).toEqual([]);
  });

  it('is valid OpenAPI 3.1 with operation ids and schemas', async () => {
    const res = await gw.app.request('/openapi.json');
    const document = (await res.json()) as ReturnType<typeof buildOpenApi> & {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    const ids = Object.values(document.paths).flatMap((m) => Object.values(m).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    const html = await (await gw.app.request('/docs')).text();
    expect(html).toContain('/v1/plans/{id}/analysis');
  });

  it('matches what the routes really answer', async () => {
    const pdf = readFileSync(join(repoRoot, 'fixtures/plans/sample-plan.pdf'));
    const form = new FormData();
    form.set('file', new File([pdf], 'sample-plan.pdf', { type: 'application/pdf' }));
    const created = await gw.app.request('/v1/plans', {
      method: 'POST',
      body: form,
      headers: bearer(gw.keys.acme),
    });
    expect(created.status).toBe(202);
    const createdBody = (await created.json()) as { id: string };
    expectShape('post', '/v1/plans', 202, createdBody);
    const id = createdBody.id;
    await waitFor(
      async () => {
        const p = (await (
          await gw.app.request(`/v1/plans/${id}`, { headers: bearer(gw.keys.acme) })
        ).json()) as { status: string };
        return p.status === 'completed' || p.status === 'failed';
      },
      { timeoutMs: 60_000, what: 'plan done' },
    );
    const get = async (method: RouteDoc['method'], template: string, path: string, key = gw.keys.acme) => {
      const res = await gw.app.request(path, { headers: bearer(key) });
      expectShape(method, template, res.status, await res.json());
    };
    await get('get', '/v1/plans', '/v1/plans');
    await get('get', '/v1/plans/{id}', `/v1/plans/${id}`);
    await get('get', '/v1/plans/{id}/analysis', `/v1/plans/${id}/analysis`);
    await get('get', '/v1/plans/{id}/compliance', `/v1/plans/${id}/compliance`);
    await get('get', '/v1/plans/{id}/bom', `/v1/plans/${id}/bom`);
    await get('get', '/v1/plans/{id}', `/v1/plans/${id}`, gw.keys.other); // 404 problem
    await get('get', '/v1/plans/{id}', '/v1/plans/nope'); // 400 problem
    await get('get', '/v1/agents', '/v1/agents');
    await get('get', '/v1/rules', '/v1/rules');
    await get('get', '/v1/catalogs', '/v1/catalogs');
    await get('get', '/v1/admin/keys', '/v1/admin/keys');
    await get('get', '/health', '/health');
    await get('get', '/health/ready', '/health/ready');

    const bom = await gw.app.request('/v1/boms', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
      body: JSON.stringify({ items: [{ type: 'receptacle', quantity: 3 }] }),
    });
    const bomBody = (await bom.json()) as { id: string };
    expectShape('post', '/v1/boms', 202, bomBody);
    await waitFor(
      async () =>
        (
          (await (
            await gw.app.request(`/v1/boms/${bomBody.id}`, { headers: bearer(gw.keys.acme) })
          ).json()) as { status: string }
        ).status === 'completed',
      { timeoutMs: 30_000, what: 'bom done' },
    );
    await get('get', '/v1/boms/{id}', `/v1/boms/${bomBody.id}`);

    for (const [kind, body] of Object.entries({
      'dwelling-load': { livingAreaM2: 120 },
      'box-fill': { boxVolumeML: 400, conductors: [{ size: '14 AWG', count: 4 }] },
    })) {
      const res = await gw.app.request(`/v1/calculations/${kind}`, {
        method: 'POST',
        headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
        body: JSON.stringify(body),
      });
      expectShape('post', `/v1/calculations/${kind}`, res.status, await res.json());
    }
    const run = await gw.app.request('/v1/agents/electrical-calculator/runs', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
      body: JSON.stringify({ message: 'Bonjour' }),
    });
    const runBody = (await run.json()) as { id: string };
    expectShape('post', '/v1/agents/{agentId}/runs', 202, runBody);
    await get('get', '/v1/agent-runs/{id}', `/v1/agent-runs/${runBody.id}`);
    const key = await gw.app.request('/v1/admin/keys', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
      body: JSON.stringify({ scopes: ['plans:read'], name: 'lecture' }),
    });
    expectShape('post', '/v1/admin/keys', 201, await key.json());
  }, 120_000);
});
