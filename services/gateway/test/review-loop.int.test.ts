import { readFileSync } from 'node:fs';
import { waitFor } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type RunningWorkers, startTestGateway, startWorkers, type TestGateway } from './harness.ts';

// Issue 16, "Legend mapping by the estimator" and "Review loop", on the real stack: the gateway
// in-process, worker-pdf and worker-bom as processes, the real Redis, Postgres and a real plan
// PDF of the repository's generator (fixtures/plans).

type Symbol = {
  type: string;
  symbolId: string;
  x: number;
  y: number;
  confidence: number;
  room: string | null;
};
type Analysis = {
  revision: number;
  currentRevision: number;
  pages: {
    number: number;
    widthPt: number;
    heightPt: number;
    legend: { symbolId: string; label: string; type: string }[];
    symbols: Symbol[];
  }[];
  counts: { byType: Record<string, number>; byRoom: Record<string, Record<string, number>> };
  unresolvedLegendEntries?: { symbolId: string; label: string; page: number; bbox: number[] }[];
};
type Bom = { devices: Record<string, number> };

let gw: TestGateway;
let workers: RunningWorkers | undefined;
const planPdf = readFileSync(
  new URL('../../../fixtures/plans/plan-01-house-1-tabloid-fr.pdf', import.meta.url),
);

beforeAll(async () => {
  gw = await startTestGateway({ RATE_LIMITS_ENABLED: 'false' });
  // worker-pdf compiles its analysis thread and loads pdfjs before it is ready: slow on a busy machine.
  workers = await startWorkers(gw, ['worker-pdf', 'worker-bom'], { readyTimeoutMs: 90_000 });
}, 120_000);

afterAll(async () => {
  await workers?.stop();
  await gw?.close();
});

async function request(
  path: string,
  init: { method?: string; body?: unknown; key?: string; lang?: string } = {},
) {
  const headers = bearer(init.key ?? gw.keys.acme, {
    ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(init.lang ? { 'accept-language': init.lang } : {}),
  });
  return gw.app.request(path, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}

async function json<T>(path: string): Promise<T> {
  const res = await request(path);
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return (await res.json()) as T;
}

/** Waits until every stage of the plan has completed (the plan's status), after `since` when given. */
async function settled(id: string): Promise<void> {
  await waitFor(
    async () => {
      const plan = await json<{ status: string; stages: Record<string, { status: string }> }>(
        `/v1/plans/${id}`,
      );
      if (plan.status === 'failed') throw new Error(`plan failed: ${JSON.stringify(plan.stages)}`);
      return plan.status === 'completed' ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 150, what: 'plan completed' },
  );
}

let planId = '';

describe('review loop', () => {
  it('stores corrections as a new revision, keeps the original, re-runs BOM and compliance from it, and exports them', async () => {
    const upload = await gw.app.request('/v1/plans', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/pdf' }),
      body: planPdf,
    });
    expect(upload.status).toBe(202);
    planId = ((await upload.json()) as { id: string }).id;
    await settled(planId);

    const original = await json<Analysis>(`/v1/plans/${planId}/analysis`);
    expect(original.revision).toBe(0);
    expect(original.currentRevision).toBe(0);
    const page = original.pages.find((p) => p.symbols.length > 0);
    if (!page) throw new Error('the fixture plan has no symbols');
    // Every counted symbol carries a confidence in [0.5, 1] (matches below 0.5 are dropped).
    for (const s of page.symbols) expect(s.confidence).toBeGreaterThanOrEqual(0.5);
    for (const s of page.symbols) expect(s.confidence).toBeLessThanOrEqual(1);
    const bomBefore = await json<Bom>(`/v1/plans/${planId}/bom`);

    const removed = page.symbols[0] as Symbol;
    const res = await request(`/v1/plans/${planId}/analysis/revisions`, {
      method: 'POST',
      body: {
        baseRevision: 0,
        remove: [{ page: page.number, index: 0 }],
        add: [
          { type: 'ev_charger', page: page.number, x: page.widthPt / 2, y: page.heightPt / 2 },
          { type: 'ev_charger', page: page.number, x: page.widthPt / 3, y: page.heightPt / 3 },
        ],
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const created = (await res.json()) as { revision: number; counts: Analysis['counts'] };
    expect(created.revision).toBe(1);
    expect(res.headers.get('location')).toBe(`/v1/plans/${planId}/analysis?revision=1`);
    const before = original.counts.byType;
    expect(created.counts.byType.ev_charger).toBe((before.ev_charger ?? 0) + 2);
    expect(created.counts.byType[removed.type] ?? 0).toBe(
      (before[removed.type] ?? 0) - 1 + (removed.type === 'ev_charger' ? 2 : 0),
    );

    // Compliance and BOM run again, from the revision.
    await settled(planId);
    const bomAfter = await json<Bom>(`/v1/plans/${planId}/bom`);
    expect(bomAfter.devices.ev_charger ?? 0).toBe((bomBefore.devices.ev_charger ?? 0) + 2);
    expect(bomAfter.devices[removed.type] ?? 0).toBe(
      (bomBefore.devices[removed.type] ?? 0) - 1 + (removed.type === 'ev_charger' ? 2 : 0),
    );

    // The current analysis is the revision; the original is kept as revision 0.
    const current = await json<Analysis>(`/v1/plans/${planId}/analysis`);
    expect(current.revision).toBe(1);
    expect(current.counts).toEqual(created.counts);
    const kept = await json<Analysis>(`/v1/plans/${planId}/analysis?revision=0`);
    expect(kept.counts).toEqual(original.counts);
    expect(kept.pages).toEqual(original.pages);
    expect((await request(`/v1/plans/${planId}/analysis?revision=7`)).status).toBe(404);

    const exported = await json<{
      currentRevision: number;
      corrections: {
        action: string;
        type: string;
        page: number;
        x: number;
        y: number;
        original: Symbol | null;
        correctedBy: string;
        correctedAt: string;
        revision: number;
      }[];
    }>(`/v1/plans/${planId}/corrections?format=json`);
    expect(exported.currentRevision).toBe(1);
    expect(exported.corrections.map((c) => [c.action, c.type, c.revision])).toEqual([
      ['remove', removed.type, 1],
      ['add', 'ev_charger', 1],
      ['add', 'ev_charger', 1],
    ]);
    expect(exported.corrections[0]?.original).toMatchObject({
      x: removed.x,
      y: removed.y,
      confidence: removed.confidence,
    });
    expect(exported.corrections[1]).toMatchObject({ original: null, page: page.number, x: page.widthPt / 2 });
    for (const c of exported.corrections) {
      expect(c.correctedBy).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(c.correctedAt)).not.toBeNaN();
    }
  }, 120_000);

  it('refuses stale or impossible corrections with problems in French and English', async () => {
    // baseRevision 0 is no longer current.
    const stale = await request(`/v1/plans/${planId}/analysis/revisions`, {
      method: 'POST',
      body: { baseRevision: 0, remove: [{ page: 1, index: 0 }] },
    });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(((await stale.json()) as { detail: string }).detail).toContain('révision courante est 1');

    const outside = await request(`/v1/plans/${planId}/analysis/revisions`, {
      method: 'POST',
      lang: 'en',
      body: { baseRevision: 1, add: [{ type: 'switch', page: 1, x: -10, y: 5 }] },
    });
    expect(outside.status).toBe(400);
    const problem = (await outside.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors).toEqual([{ path: 'add.0', message: 'point outside the page' }]);

    const empty = await request(`/v1/plans/${planId}/analysis/revisions`, {
      method: 'POST',
      body: { baseRevision: 1 },
    });
    expect(empty.status).toBe(400);
    const unknownType = await request(`/v1/plans/${planId}/analysis/revisions`, {
      method: 'POST',
      body: { baseRevision: 1, add: [{ type: 'toaster', page: 1, x: 1, y: 1 }] },
    });
    expect(unknownType.status).toBe(400);
    // Another organisation cannot correct the plan, nor read its corrections.
    const foreign = await request(`/v1/plans/${planId}/analysis/revisions`, {
      method: 'POST',
      key: gw.keys.other,
      body: { baseRevision: 1, remove: [{ page: 1, index: 0 }] },
    });
    expect(foreign.status).toBe(404);
    expect((await request(`/v1/plans/${planId}/corrections`, { key: gw.keys.other })).status).toBe(404);
  });
});

describe('legend mappings', () => {
  it("re-runs a plan with the organisation's mapping of a legend wording, applied to later analyses too", async () => {
    const before = await json<Analysis>(`/v1/plans/${planId}/analysis?revision=0`);
    // The legend entry with the most symbols, mapped to a type the plan does not have.
    const bySymbol = new Map<string, { label: string; n: number }>();
    for (const p of before.pages) {
      for (const e of p.legend) {
        const n = p.symbols.filter((s) => s.symbolId === e.symbolId).length;
        const key = e.label.toLowerCase();
        bySymbol.set(key, { label: e.label, n: (bySymbol.get(key)?.n ?? 0) + n });
      }
    }
    const [entry] = [...bySymbol.values()].sort((a, b) => b.n - a.n);
    if (!entry || entry.n === 0) throw new Error('no legend entry with symbols');
    const absent = ['ev_charger', 'data_outlet', 'co_detector', 'exhaust_fan', 'thermostat', 'panel'].filter(
      (type) => (before.counts.byType[type] ?? 0) === 0,
    );
    const [target, interim] = absent;
    if (!target || !interim) throw new Error('the fixture plan has every device type');

    const put = await request('/v1/legend-mappings', {
      method: 'PUT',
      body: { label: `  ${entry.label.toUpperCase()} :`, type: interim },
    });
    expect(put.status).toBe(201);
    const mapping = (await put.json()) as { id: string; type: string };
    // The same wording again replaces the type (one mapping per wording).
    const again = await request('/v1/legend-mappings', {
      method: 'PUT',
      body: { label: entry.label, type: target },
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(mapping.id);
    const listed = await json<{ items: { id: string; type: string }[] }>('/v1/legend-mappings');
    expect(listed.items).toEqual([expect.objectContaining({ id: mapping.id, type: target })]);
    const otherList = await request('/v1/legend-mappings', { key: gw.keys.other });
    expect(((await otherList.json()) as { items: unknown[] }).items).toEqual([]);

    const rerun = await request(`/v1/plans/${planId}/reanalyze`, { method: 'POST' });
    expect(rerun.status).toBe(202);
    await settled(planId);
    const after = await json<Analysis>(`/v1/plans/${planId}/analysis`);
    // The new analysis is current again; the corrected revision 1 stays readable.
    expect(after.revision).toBe(0);
    expect(after.counts.byType[target]).toBe(entry.n);
    expect((await request(`/v1/plans/${planId}/analysis?revision=1`)).status).toBe(200);
    const bom = await json<Bom>(`/v1/plans/${planId}/bom`);
    expect(bom.devices[target]).toBe(entry.n);

    // A later upload of the organisation uses the mapping; another organisation's does not.
    const later = await gw.app.request('/v1/plans', {
      method: 'POST',
      headers: bearer(gw.keys.other, { 'content-type': 'application/pdf' }),
      body: planPdf,
    });
    const otherId = ((await later.json()) as { id: string }).id;
    await waitFor(
      async () => {
        const res = await request(`/v1/plans/${otherId}/analysis`, { key: gw.keys.other });
        return res.status === 200 ? ((await res.json()) as Analysis) : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 150, what: 'analysis of the other organisation' },
    ).then((a) => expect(a.counts.byType[target] ?? 0).toBe(0));

    expect(
      (await request(`/v1/legend-mappings/${mapping.id}`, { method: 'DELETE', key: gw.keys.other })).status,
    ).toBe(404);
    expect((await request(`/v1/legend-mappings/${mapping.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await json<{ items: unknown[] }>('/v1/legend-mappings')).items).toEqual([]);
  }, 180_000);
});
