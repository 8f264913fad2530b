import {
  type FakeAnthropic,
  type RunningService,
  startFakeAnthropic,
  startService,
  testRedisUrl,
  waitFor,
  waitHealthy,
} from '@saeq/testing';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestGateway, type TestGateway } from './harness.ts';

// The whole pipeline: the gateway in-process, the three workers as real processes, the real
// Redis and Postgres, and a fake Anthropic server on loopback (issue 3 acceptance 1 and 7).

let gw: TestGateway;
let fake: FakeAnthropic;
const services: RunningService[] = [];

async function twoPagePlan(): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const p1 = doc.addPage([1224, 792]); // tabloid landscape
  p1.drawText('PLAN ÉLECTRIQUE — REZ-DE-CHAUSSÉE', { x: 40, y: 740, size: 18, font });
  p1.drawText('ÉCHELLE 1:50', { x: 40, y: 710, size: 10, font });
  const p2 = doc.addPage([612, 792]); // letter portrait
  p2.drawText('PANNEAU A — 120/240 V', { x: 40, y: 740, size: 14, font });
  return new Uint8Array(await doc.save());
}

beforeAll(async () => {
  gw = await startTestGateway();
  fake = await startFakeAnthropic();
  const common = {
    DATABASE_URL: gw.db.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: gw.prefix,
    DATA_DIR: gw.dataDir,
    METRICS_HOST: '127.0.0.1',
  };
  const base = 19_800 + Math.floor(Math.random() * 150);
  const ports = { 'worker-pdf': base, 'worker-agents': base + 1, 'worker-bom': base + 2 } as const;
  for (const name of ['worker-pdf', 'worker-bom'] as const) {
    // At debug, a job that completes quickly logs its lines one by one (at info it is only counted
    // in the queue's periodic summary, docs/operations.md): the test follows the request id there.
    services.push(startService(name, { ...common, LOG_LEVEL: 'debug', METRICS_PORT: String(ports[name]) }));
  }
  services.push(
    startService('worker-agents', {
      ...common,
      METRICS_PORT: String(ports['worker-agents']),
      ANTHROPIC_API_KEY: 'test-key',
      ANTHROPIC_BASE_URL: fake.url,
      ANTHROPIC_MODEL: 'claude-sonnet-4-6',
    }),
  );
  await Promise.all(
    Object.values(ports).map((p) => waitHealthy(`http://127.0.0.1:${p}/health/ready`, 90_000)),
  );
}, 120_000);

afterAll(async () => {
  for (const s of services) s.kill('SIGTERM');
  await Promise.all(services.map((s) => s.exited));
  await fake?.close();
  await gw?.close();
});

async function get<T>(path: string): Promise<T> {
  const res = await gw.app.request(path, { headers: bearer(gw.keys.acme) });
  expect(res.status, `${path} → ${res.status}`).toBe(200);
  return (await res.json()) as T;
}

describe('plan pipeline end to end', () => {
  it('uploads, analyses, checks and prices a plan in under 10 s', async () => {
    const pdf = await twoPagePlan();
    const form = new FormData();
    form.set('file', new File([pdf], 'maison.pdf', { type: 'application/pdf' }));
    const started = Date.now();
    const res = await gw.app.request('/v1/plans', {
      method: 'POST',
      body: form,
      headers: bearer(gw.keys.acme, { 'x-request-id': 'trace-plan-0001' }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };

    const plan = await waitFor(
      async () => {
        const p = await get<{
          status: string;
          pages: number;
          stages: Record<string, { status: string; error?: unknown }>;
        }>(`/v1/plans/${id}`);
        return p.status === 'completed' || p.status === 'failed' ? p : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 100, what: 'plan completed' },
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(plan.status).toBe('completed');
    expect(plan.pages).toBe(2);

    const analysis = await get<{
      pages: { number: number; widthPt: number; heightPt: number; text: string }[];
      warnings: { code: string }[];
    }>(`/v1/plans/${id}/analysis`);
    expect(analysis.pages.map((p) => [p.number, p.widthPt, p.heightPt])).toEqual([
      [1, 1224, 792],
      [2, 612, 792],
    ]);
    expect(analysis.pages[0]?.text).toContain('PLAN ÉLECTRIQUE — REZ-DE-CHAUSSÉE');
    expect(analysis.pages[0]?.text).toContain('ÉCHELLE 1:50');
    expect(analysis.pages[1]?.text).toContain('PANNEAU A — 120/240 V');
    const preview = await gw.app.request(`/v1/plans/${id}/pages/1/preview.png`, {
      headers: bearer(gw.keys.acme),
    });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('image/png');
    const png = new Uint8Array(await preview.arrayBuffer());
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    // IHDR: the page (1224 × 792 pt) drawn 1600 px wide keeps its aspect ratio.
    expect(view.getUint32(16)).toBe(1600);
    expect(Math.abs(view.getUint32(20) - Math.round((1600 * 792) / 1224))).toBeLessThanOrEqual(1);
    expect(
      (await gw.app.request(`/v1/plans/${id}/pages/9/preview.png`, { headers: bearer(gw.keys.acme) })).status,
    ).toBe(404);

    const compliance = await get<{
      edition: string;
      findings: { ruleRef: string; severity: string }[];
      summary: { rulesRun: number };
    }>(`/v1/plans/${id}/compliance`);
    expect(compliance.edition).toBe('2026');
    expect(compliance.summary.rulesRun).toBeGreaterThan(0);
    for (const f of compliance.findings) expect(['error', 'warning', 'info']).toContain(f.severity);
    const bom = await get<{ currency: string; lines: unknown[]; total: number }>(`/v1/plans/${id}/bom`);
    expect(bom.currency).toBe('CAD');
    // The request id follows the job into each worker's logs.
    for (const name of ['worker-pdf', 'worker-bom']) {
      const out = services.find((s) => s.name === name)?.output() ?? '';
      expect(out, name).toContain('"requestId":"trace-plan-0001"');
    }
    const xlsx = await gw.app.request(`/v1/plans/${id}/bom?format=xlsx`, { headers: bearer(gw.keys.acme) });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });

  it('runs an agent against the Messages API and stores answer, model and token usage', async () => {
    fake.enqueue({
      type: 'text',
      text: 'Bonjour! Utilisez l’outil de calcul pour la charge.',
      usage: {
        input_tokens: 321,
        output_tokens: 45,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 0,
      },
    });
    const res = await gw.app.request('/v1/agents/electrical-calculator/runs', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
      body: JSON.stringify({ message: 'Quelle est la charge de ma maison?' }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const run = await waitFor(
      async () => {
        const r = await get<Record<string, unknown>>(`/v1/agent-runs/${id}`);
        return r.status === 'completed' || r.status === 'failed' ? r : undefined;
      },
      { timeoutMs: 10_000, what: 'agent run finished' },
    );
    expect(run).toMatchObject({
      status: 'completed',
      mode: 'llm',
      answer: 'Bonjour! Utilisez l’outil de calcul pour la charge.',
      usage: { inputTokens: 321, outputTokens: 45, cacheReadTokens: 100 },
    });
    const request = fake.requests.at(-1);
    expect(JSON.stringify(request?.body)).toContain('Quelle est la charge de ma maison?');
    expect(JSON.stringify(request?.body)).toContain('cache_control');
  });

  it('fails a run with a clear message when the provider rejects the key', async () => {
    fake.enqueue({ type: 'error', status: 401, message: 'invalid x-api-key' });
    const res = await gw.app.request('/v1/agents/electrical-safety-specialist/runs', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
      body: JSON.stringify({ message: 'Cadenassage?' }),
    });
    const { id } = (await res.json()) as { id: string };
    const run = await waitFor(
      async () => {
        const r = await get<{ status: string; error?: { code: string; message: string } }>(
          `/v1/agent-runs/${id}`,
        );
        return r.status === 'completed' || r.status === 'failed' ? r : undefined;
      },
      { timeoutMs: 10_000, what: 'agent run finished' },
    );
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('llm_401');
    expect(run.error?.message).toContain('401');
  });

  it('exposes worker metrics after a plan and an agent run', async () => {
    const metrics = await Promise.all(
      services.map(async (s) => {
        const port = /"metricsPort":(\d+)/.exec(s.output())?.[1];
        return fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
      }),
    );
    const all = metrics.join('\n');
    expect(all).toMatch(/saeq_plans_processed_total\{[^}]*stage="analysis",status="completed"/);
    expect(all).toMatch(
      /saeq_agent_runs_total\{[^}]*agent="electrical-calculator",status="completed",mode="llm"/,
    );
    expect(all).toMatch(/saeq_llm_tokens_total\{[^}]*kind="input"[^}]*\} 321/);
    expect(all).toMatch(/saeq_job_duration_seconds_bucket\{[^}]*queue="plan-analysis"/);
    expect(all).toMatch(/saeq_queue_jobs\{[^}]*queue="agent-run"/);
  });
});
