import { buildTextPdf, buildTruncatedPdf, waitFor } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type RunningWorkers, startTestGateway, startWorkers, type TestGateway } from './harness.ts';

// Dead letters: failed jobs listed per organisation with their code, retried one by one or in bulk.

let gw: TestGateway;
let workers: RunningWorkers | undefined;
beforeAll(async () => {
  // No rate limits: polling every 100 ms would spend the key's general limit (100 per 15 min)
  // before a slow worker (a loaded machine) has failed the job, and then only see 429s.
  gw = await startTestGateway({ RATE_LIMITS_ENABLED: 'false' });
  workers = await startWorkers(gw, ['worker-pdf']);
}, 60_000);
afterAll(async () => {
  await workers?.stop();
  await gw?.close();
});

async function upload(key: string, pdf: Uint8Array<ArrayBuffer>) {
  const form = new FormData();
  form.set('file', new File([pdf], 'x.pdf', { type: 'application/pdf' }));
  const res = await gw.app.request('/v1/plans', { method: 'POST', body: form, headers: bearer(key) });
  return ((await res.json()) as { id: string }).id;
}

describe('failed jobs (dead letters)', () => {
  it('lists a permanent failure with its code for its organisation only, and retries it', async () => {
    const bad = await upload(gw.keys.acme, await buildTruncatedPdf());
    await upload(gw.keys.acme, await buildTextPdf(['Plan sain']));
    const list = await waitFor(
      async () => {
        const r = (await (
          await gw.app.request('/v1/admin/failed-jobs?queue=plan-analysis', { headers: bearer(gw.keys.acme) })
        ).json()) as {
          items: { id: string; code: string; permanent: boolean; data: { planId: string } }[];
        };
        return r.items.length > 0 ? r : undefined;
      },
      { timeoutMs: 30_000, what: 'a failed job' },
    );
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      id: `plan-analysis:${bad}_analysis`,
      code: 'pdf_unreadable',
      permanent: true,
      data: { planId: bad },
    });
    const stage = (await (
      await gw.app.request(`/v1/plans/${bad}`, { headers: bearer(gw.keys.acme) })
    ).json()) as {
      stages: { analysis: { error: { code: string; message: string } } };
    };
    expect(stage.stages.analysis.error.code).toBe('pdf_unreadable');
    expect(stage.stages.analysis.error.message).not.toMatch(/^pdf_unreadable:/);

    const other = (await (
      await gw.app.request('/v1/admin/failed-jobs', { headers: bearer(gw.keys.other) })
    ).json()) as { items: unknown[] };
    expect(other.items).toEqual([]);
    expect(
      (
        await gw.app.request(`/v1/admin/failed-jobs/${encodeURIComponent(list.items[0]?.id ?? '')}/retry`, {
          method: 'POST',
          headers: bearer(gw.keys.other),
        })
      ).status,
    ).toBe(404);

    const bulk = (await (
      await gw.app.request('/v1/admin/failed-jobs/retry', {
        method: 'POST',
        headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
        body: JSON.stringify({ code: 'pdf_unreadable' }),
      })
    ).json()) as { retried: number; matched: number };
    expect(bulk).toEqual({ retried: 0, matched: 1 }); // permanent failures are not retried in bulk by default

    const one = await gw.app.request(
      `/v1/admin/failed-jobs/${encodeURIComponent(list.items[0]?.id ?? '')}/retry`,
      { method: 'POST', headers: bearer(gw.keys.acme) },
    );
    expect(one.status).toBe(202);
    // The file is still truncated: it fails again, once more, with the same code.
    await waitFor(
      async () => {
        const r = (await (
          await gw.app.request('/v1/admin/failed-jobs?code=pdf_unreadable', { headers: bearer(gw.keys.acme) })
        ).json()) as {
          items: { attemptsMade: number }[];
        };
        return r.items[0] && r.items[0].attemptsMade >= 1 ? r : undefined;
      },
      { timeoutMs: 30_000, what: 'failed again' },
    );
    expect(
      (await gw.app.request('/v1/admin/failed-jobs?queue=nope', { headers: bearer(gw.keys.acme) })).status,
    ).toBe(400);
  }, 90_000);
});
