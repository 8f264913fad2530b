import { buildTextPdf } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayMetricsServer } from '../src/metrics-server.ts';
import { bearer, startTestGateway, type TestGateway } from './harness.ts';

let gw: TestGateway;
let pdf: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  gw = await startTestGateway({ MAX_UPLOAD_MB: '0.05' }); // 51 200 bytes: small enough to test 413
  pdf = await buildTextPdf(['PLAN ÉLECTRIQUE — REZ-DE-CHAUSSÉE', 'ÉCHELLE 1:50']);
  // Nothing consumes in this file: keep the jobs where they are.
  await Promise.all(Object.values(gw.deps.queues).map((q) => q.pause()));
});
afterAll(async () => {
  await gw?.close();
});

async function upload(key: string, body: BodyInit, headers: Record<string, string> = {}) {
  return gw.app.request('/v1/plans', { method: 'POST', body, headers: bearer(key, headers) });
}

function multipart(
  data: Uint8Array<ArrayBuffer>,
  filename = 'plan.pdf',
  fields: Record<string, string> = {},
): FormData {
  const form = new FormData();
  form.set('file', new File([data], filename, { type: 'application/pdf' }));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({
    status,
    code,
    instance: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
  });
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+/); // never a stack trace
  return body;
}

describe('plan uploads', () => {
  it('answers 400 problem+json for a control character in a multipart filename (a malformed part header, RFC 7578 §4.2)', async () => {
    // The streaming parser (busboy) refuses such a header rather than guessing at it.
    const res = await upload(gw.keys.acme, multipart(pdf, '../../etc/plan\u0007 RDC.pdf'));
    await expectProblem(res, 400, 'bad_request');
  });

  it('accepts multipart, raw PDF and JSON base64 with 202, Location and links', async () => {
    const a = await upload(
      gw.keys.acme,
      multipart(pdf, '../../etc/plan RDC.pdf', { name: 'Maison A', edition: '2018' }),
    );
    expect(a.status).toBe(202);
    const created = (await a.json()) as { id: string; status: string; links: Record<string, string> };
    expect(created.status).toBe('queued');
    expect(a.headers.get('location')).toBe(`/v1/plans/${created.id}`);
    expect(created.links).toEqual({
      self: `/v1/plans/${created.id}`,
      analysis: `/v1/plans/${created.id}/analysis`,
      compliance: `/v1/plans/${created.id}/compliance`,
      bom: `/v1/plans/${created.id}/bom`,
    });
    const plan = (await (
      await gw.app.request(`/v1/plans/${created.id}`, { headers: bearer(gw.keys.acme) })
    ).json()) as Record<string, unknown>;
    expect(plan).toMatchObject({
      name: 'Maison A',
      filename: 'plan RDC.pdf',
      edition: '2018',
      status: 'queued',
      sizeBytes: pdf.length,
    });
    expect(plan.stages).toMatchObject({
      analysis: { status: 'queued' },
      compliance: { status: 'queued' },
      bom: { status: 'queued' },
    });

    const raw = await upload(gw.keys.acme, pdf, { 'content-type': 'application/pdf' });
    expect(raw.status).toBe(202);
    const json = await upload(
      gw.keys.acme,
      JSON.stringify({ filename: 'b.pdf', contentBase64: Buffer.from(pdf).toString('base64') }),
      {
        'content-type': 'application/json',
      },
    );
    expect(json.status).toBe(202);
    expect(await gw.deps.queues.planAnalysis.count()).toBe(3);
  });

  it('answers 415 for content that is not a PDF, whatever its name or content type', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await expectProblem(
      await upload(gw.keys.acme, multipart(png, 'plan.pdf')),
      415,
      'unsupported_media_type',
    );
    await expectProblem(
      await upload(gw.keys.acme, png, { 'content-type': 'application/pdf' }),
      415,
      'unsupported_media_type',
    );
    await expectProblem(
      await upload(gw.keys.acme, 'hello', { 'content-type': 'text/plain' }),
      415,
      'unsupported_media_type',
    );
  });

  it('answers 413 over MAX_UPLOAD_MB', async () => {
    const big = new Uint8Array(60_000);
    big.set(pdf.subarray(0, 8));
    await expectProblem(
      await upload(gw.keys.acme, big, { 'content-type': 'application/pdf' }),
      413,
      'payload_too_large',
    );
    await expectProblem(await upload(gw.keys.acme, multipart(big)), 413, 'payload_too_large');
  });

  it('answers 413 from a declared Content-Length alone, and counts the bytes of chunked bodies', async () => {
    // Declared: refused before a byte of the body is read.
    const declared = await upload(gw.keys.acme, pdf, {
      'content-type': 'application/pdf',
      'content-length': String(10 * 1024 * 1024),
    });
    await expectProblem(declared, 413, 'payload_too_large');
    // Undeclared (a stream, as with Transfer-Encoding: chunked): counted while it streams.
    const big = new Uint8Array(60_000);
    big.set(pdf.subarray(0, 8));
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < big.length; i += 8192) controller.enqueue(big.subarray(i, i + 8192));
        controller.close();
      },
    });
    const res = await gw.app.request('/v1/plans', {
      method: 'POST',
      body: chunked,
      headers: bearer(gw.keys.acme, { 'content-type': 'application/pdf' }),
      duplex: 'half',
    } as RequestInit);
    await expectProblem(res, 413, 'payload_too_large');
  });

  it('validates JSON uploads field by field', async () => {
    const res = await upload(
      gw.keys.acme,
      JSON.stringify({ filename: '', contentBase64: '@@@', edition: '2020' }),
      {
        'content-type': 'application/json',
      },
    );
    const body = await expectProblem(res, 400, 'validation_failed');
    const paths = (body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['contentBase64', 'edition', 'filename']);
    // zod's own messages follow the request's language too.
    const edition = (lang: string) =>
      upload(gw.keys.acme, JSON.stringify({ filename: 'a.pdf', contentBase64: 'JVBERi0=', edition: 2020 }), {
        'content-type': 'application/json',
        'accept-language': lang,
      })
        .then((r) => r.json() as Promise<{ errors: { path: string; message: string }[] }>)
        .then((b) => b.errors.find((e) => e.path === 'edition')?.message);
    expect(await edition('fr-CA')).toMatch(/^(Entrée|Option) invalide/);
    expect(await edition('en')).toMatch(/^Invalid (input|option)/);
  });
});

describe('authentication, isolation and errors', () => {
  it('answers 401 with WWW-Authenticate without a key or with a wrong one', async () => {
    const none = await gw.app.request('/v1/plans');
    await expectProblem(none, 401, 'unauthenticated');
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    await expectProblem(
      await gw.app.request('/v1/plans', { headers: bearer('saeq_not_a_real_key_at_all_123') }),
      401,
      'unauthenticated',
    );
  });

  it('answers 403 when the key lacks the scope', async () => {
    await expectProblem(
      await upload(gw.keys.acmeReadOnly, pdf, { 'content-type': 'application/pdf' }),
      403,
      'forbidden',
    );
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    await expectProblem(
      await gw.app.request('/v1/plans/not-a-uuid', { headers: bearer(gw.keys.acme) }),
      400,
      'validation_failed',
    );
    await expectProblem(
      await gw.app.request('/v1/plans/00000000-0000-4000-8000-000000000000', {
        headers: bearer(gw.keys.acme),
      }),
      404,
      'not_found',
    );
  });

  it("hides another organisation's plan behind a 404", async () => {
    const res = await upload(gw.keys.acme, pdf, { 'content-type': 'application/pdf' });
    const { id } = (await res.json()) as { id: string };
    for (const path of [`/v1/plans/${id}`, `/v1/plans/${id}/analysis`, `/v1/plans/${id}/bom`]) {
      await expectProblem(await gw.app.request(path, { headers: bearer(gw.keys.other) }), 404, 'not_found');
    }
    await expectProblem(
      await gw.app.request(`/v1/plans/${id}`, { method: 'DELETE', headers: bearer(gw.keys.other) }),
      404,
      'not_found',
    );
    const list = (await (await gw.app.request('/v1/plans', { headers: bearer(gw.keys.other) })).json()) as {
      items: unknown[];
    };
    expect(list.items).toEqual([]);
  });

  it('speaks Québec French by default and English with Accept-Language: en', async () => {
    const fr = (await (await gw.app.request('/v1/plans')).json()) as { title: string };
    expect(fr.title).toBe('Authentification requise');
    const en = (await (
      await gw.app.request('/v1/plans', { headers: { 'accept-language': 'en-CA,en;q=0.9' } })
    ).json()) as { title: string };
    expect(en.title).toBe('Authentication required');
  });

  it('answers 404 until a stage has a result', async () => {
    const res = await upload(gw.keys.acme, pdf, { 'content-type': 'application/pdf' });
    const { id } = (await res.json()) as { id: string };
    const body = await expectProblem(
      await gw.app.request(`/v1/plans/${id}/analysis`, { headers: bearer(gw.keys.acme) }),
      404,
      'not_found',
    );
    expect(body.detail).toContain('queued');
  });

  it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
    const sane = await gw.app.request('/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(sane.headers.get('x-request-id')).toBe('abc-123');
    const unsafe = await gw.app.request('/health', { headers: { 'x-request-id': 'a b<script>' } });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('listing and deleting', () => {
  it('pages newest first with a cursor and deletes a plan', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await upload(gw.keys.other, multipart(pdf, `p${i}.pdf`));
      ids.push(((await res.json()) as { id: string }).id);
    }
    const first = (await (
      await gw.app.request('/v1/plans?limit=2', { headers: bearer(gw.keys.other) })
    ).json()) as {
      items: { id: string }[];
      nextCursor: string;
    };
    expect(first.items.map((p) => p.id)).toEqual([ids[2], ids[1]]);
    const second = (await (
      await gw.app.request(`/v1/plans?limit=2&cursor=${first.nextCursor}`, { headers: bearer(gw.keys.other) })
    ).json()) as { items: { id: string }[]; nextCursor: string | null };
    expect(second.items.map((p) => p.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
    await expectProblem(
      await gw.app.request('/v1/plans?limit=0', { headers: bearer(gw.keys.other) }),
      400,
      'validation_failed',
    );

    const del = await gw.app.request(`/v1/plans/${ids[0]}`, {
      method: 'DELETE',
      headers: bearer(gw.keys.other),
    });
    expect(del.status).toBe(204);
    await expectProblem(
      await gw.app.request(`/v1/plans/${ids[0]}`, { headers: bearer(gw.keys.other) }),
      404,
      'not_found',
    );
  });
});

describe('agents', () => {
  it('lists the eleven agents in French or English', async () => {
    const fr = (await (await gw.app.request('/v1/agents', { headers: bearer(gw.keys.acme) })).json()) as {
      id: string;
      name: string;
    }[];
    expect(fr).toHaveLength(11);
    expect(fr[0]?.id).toBe('electrical-safety-specialist');
    const en = (await (
      await gw.app.request('/v1/agents', { headers: bearer(gw.keys.acme, { 'accept-language': 'en' }) })
    ).json()) as {
      name: string;
    }[];
    expect(en[0]?.name).not.toBe(fr[0]?.name);
  });

  it('records concurrent runs in groups with their messages exactly as sent', async () => {
    // Runs arriving together are written by one statement (arrays unnested by Postgres): every
    // character that array literals escape must come back as it was sent.
    const messages = [
      'Il a dit « 40 A », puis "non", {ou} \\ pas; ligne 1\nligne 2',
      'NULL',
      'Émoji ⚡ et tabulation\t, virgule, accolade }',
      'O’Brien — 120/240 V',
    ];
    const ids = await Promise.all(
      messages.map(async (message) => {
        const res = await gw.app.request('/v1/agents/electrical-calculator/runs', {
          method: 'POST',
          headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
          body: JSON.stringify({ message }),
        });
        expect(res.status).toBe(202);
        return ((await res.json()) as { id: string }).id;
      }),
    );
    expect(new Set(ids).size).toBe(messages.length);
    for (const [i, id] of ids.entries()) {
      const run = (await (
        await gw.app.request(`/v1/agent-runs/${id}`, { headers: bearer(gw.keys.acme) })
      ).json()) as { message: string; planId: unknown; conversationId: unknown };
      expect(run).toMatchObject({ message: messages[i], planId: null, conversationId: null });
    }
  });

  it('queues a run, 404s an unknown agent or foreign run, validates the body', async () => {
    const res = await gw.app.request('/v1/agents/electrical-calculator/runs', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
      body: JSON.stringify({ message: 'Calibre pour 40 A?' }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const run = (await (
      await gw.app.request(`/v1/agent-runs/${id}`, { headers: bearer(gw.keys.acme) })
    ).json()) as Record<string, unknown>;
    expect(run).toMatchObject({ id, agentId: 'electrical-calculator', status: 'queued', answer: null });
    await expectProblem(
      await gw.app.request(`/v1/agent-runs/${id}`, { headers: bearer(gw.keys.other) }),
      404,
      'not_found',
    );
    await expectProblem(
      await gw.app.request('/v1/agents/electrical-wizard/runs', {
        method: 'POST',
        headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
        body: JSON.stringify({ message: 'x' }),
      }),
      404,
      'not_found',
    );
    await expectProblem(
      await gw.app.request('/v1/agents/electrical-calculator/runs', {
        method: 'POST',
        headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
        body: JSON.stringify({ message: '', planId: 'nope' }),
      }),
      400,
      'validation_failed',
    );
  });
});

describe('operations', () => {
  it('serves health and readiness to clients, Prometheus metrics on METRICS_PORT only', async () => {
    expect(await (await gw.app.request('/health')).json()).toEqual({ status: 'ok' });
    const ready = await gw.app.request('/health/ready');
    expect(ready.status).toBe(200);
    // The clients' port: no metrics, not even the console's index.html.
    const onApiPort = await gw.app.request('/metrics');
    expect(onApiPort.status).toBe(404);
    expect(await onApiPort.text()).not.toContain('process_cpu_seconds_total');

    const server = await startGatewayMetricsServer(gw.deps, { port: 0, host: '127.0.0.1' });
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    let metrics = '';
    try {
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);
      const res = await fetch(`${base}/metrics`);
      expect(res.headers.get('content-type')).toContain('text/plain');
      metrics = await res.text();
    } finally {
      server.close();
    }
    expect(metrics).toContain('process_cpu_seconds_total');
    expect(metrics).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/v1\/plans\/:id"/);
    expect(metrics).toMatch(/saeq_queue_jobs\{[^}]*queue="plan-analysis"/);
    expect(metrics).toContain('saeq_plans_processed_total');
    expect(metrics).toContain('saeq_agent_runs_total');
  });

  it("opens Bull Board to the operator's keys only (Bearer or Basic), not to an organisation's admin", async () => {
    await expectProblem(await gw.app.request('/admin/queues'), 401, 'unauthenticated');
    for (const key of [gw.keys.acmeReadOnly, gw.keys.acme]) {
      await expectProblem(await gw.app.request('/admin/queues', { headers: bearer(key) }), 403, 'forbidden');
    }
    const ok = await gw.app.request('/admin/queues', { headers: bearer(gw.keys.operator) });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('<html');
    const basic = Buffer.from(`operator:${gw.keys.operator}`).toString('base64');
    expect(
      (await gw.app.request('/admin/queues', { headers: { authorization: `Basic ${basic}` } })).status,
    ).toBe(200);
    const api = await gw.app.request('/admin/queues/api/queues', { headers: bearer(gw.keys.operator) });
    expect(api.status).toBe(200);
  });

  it('refuses Bull Board state changes sent from another site (CSRF), not the operator’s own', async () => {
    // Every queue of this file is paused (beforeAll): resuming one is the state change tried.
    const queue = gw.deps.queues.bomBuild;
    const board = `http://localhost/admin/queues/api/queues/${encodeURIComponent(queue.name)}`;
    const basic = `Basic ${Buffer.from(`operator:${gw.keys.operator}`).toString('base64')}`;
    // A page on another site makes the browser send the remembered Basic login along.
    for (const headers of [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'https://other.localhost' },
      { origin: 'null' },
    ]) {
      const res = await gw.app.request(`${board}/resume`, {
        method: 'PUT',
        headers: { authorization: basic, ...headers },
      });
      await expectProblem(res, 403, 'forbidden');
    }
    expect(await queue.isPaused()).toBe(true);
    // Reading stays open: the board's GETs change nothing.
    const read = await gw.app.request('http://localhost/admin/queues/api/queues', {
      headers: { authorization: basic, 'sec-fetch-site': 'cross-site' },
    });
    expect(read.status).toBe(200);
    // The board's own page (same origin) may, and so may a script without browser headers.
    const own = await gw.app.request(`${board}/resume`, {
      method: 'PUT',
      headers: { authorization: basic, origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
    });
    expect(own.status).toBe(200);
    expect(await queue.isPaused()).toBe(false);
    const script = await gw.app.request(`${board}/pause`, {
      method: 'PUT',
      headers: bearer(gw.keys.operator),
    });
    expect(script.status).toBe(200);
    expect(await queue.isPaused()).toBe(true);
  });

  it('never lets an organisation admin mint an operator key', async () => {
    const res = await gw.app.request('/v1/admin/keys', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
      body: JSON.stringify({ name: 'escalade', scopes: ['operator'] }),
    });
    const body = await expectProblem(res, 400, 'validation_failed');
    expect(body.errors).toEqual([expect.objectContaining({ path: 'scopes.0' })]);
  });
});
