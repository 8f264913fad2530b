import { buildTextPdf, waitFor } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type RunningWorkers, startTestGateway, startWorkers, type TestGateway } from './harness.ts';

// Deleting a plan removes its own renderings only: the same PDF uploaded by another organisation
// renders byte-identical previews and exports, which must survive the first one's deletion.

let gw: TestGateway;
let workers: RunningWorkers | undefined;
beforeAll(async () => {
  gw = await startTestGateway({ RATE_LIMITS_ENABLED: 'false' });
  workers = await startWorkers(gw, ['worker-pdf', 'worker-bom']);
}, 90_000);
afterAll(async () => {
  await workers?.stop();
  await gw?.close();
});

async function uploadAndWait(key: string, pdf: Uint8Array<ArrayBuffer>): Promise<string> {
  const form = new FormData();
  form.set('file', new File([pdf], 'maison.pdf', { type: 'application/pdf' }));
  const res = await gw.app.request('/v1/plans', { method: 'POST', body: form, headers: bearer(key) });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  await waitFor(
    async () => {
      const p = (await (await gw.app.request(`/v1/plans/${id}`, { headers: bearer(key) })).json()) as {
        status: string;
      };
      return p.status === 'completed' ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 200, what: `plan ${id} completed` },
  );
  return id;
}

describe('plan deletion', () => {
  it("leaves another organisation's previews and exports of the same PDF in place", async () => {
    const pdf = await buildTextPdf(['PLAN ÉLECTRIQUE — PARTAGÉ', 'Prise 15 A']);
    const mine = await uploadAndWait(gw.keys.acme, pdf);
    const theirs = await uploadAndWait(gw.keys.other, pdf);
    const renderings = (id: string) => [
      `/v1/plans/${id}/pages/1/preview.png`,
      `/v1/plans/${id}/bom?format=xlsx`,
      `/v1/plans/${id}/bom?format=csv`,
    ];
    for (const path of renderings(theirs)) {
      expect((await gw.app.request(path, { headers: bearer(gw.keys.other) })).status, path).toBe(200);
    }
    const deleted = await gw.app.request(`/v1/plans/${mine}`, {
      method: 'DELETE',
      headers: bearer(gw.keys.acme),
    });
    expect(deleted.status).toBe(204);
    for (const path of renderings(theirs)) {
      expect((await gw.app.request(path, { headers: bearer(gw.keys.other) })).status, path).toBe(200);
    }
    expect(
      (await gw.app.request(`/v1/plans/${theirs}/analysis`, { headers: bearer(gw.keys.other) })).status,
    ).toBe(200);
  }, 150_000);
});
