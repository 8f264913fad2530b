import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildTextPdf, startS3Server, type TestS3Server, waitFor } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type RunningWorkers, startTestGateway, startWorkers, type TestGateway } from './harness.ts';

// BLOB_STORE=s3: the gateway and the workers share plan files, previews and exports through a
// bucket (an S3-protocol server on loopback), not a directory. Nothing lands under DATA_DIR.

let s3: TestS3Server;
let gw: TestGateway;
let workers: RunningWorkers;

beforeAll(async () => {
  s3 = await startS3Server();
  gw = await startTestGateway(s3.env);
  workers = await startWorkers(
    gw,
    [
      { name: 'worker-pdf', env: s3.env },
      { name: 'worker-bom', env: s3.env },
    ],
    { readyTimeoutMs: 90_000 },
  );
}, 120_000);

afterAll(async () => {
  await workers?.stop();
  await gw?.close();
  await s3?.stop();
});

describe('pipeline on object storage', () => {
  it('analyses an upload, serves its preview and BOM export from the bucket, and reports the bucket ready', async () => {
    const pdf = await buildTextPdf(['PLAN ÉLECTRIQUE — SOUS-SOL', 'ÉCHELLE 1:50']);
    const form = new FormData();
    form.set('file', new File([pdf], 'sous-sol.pdf', { type: 'application/pdf' }));
    const res = await gw.app.request('/v1/plans', {
      method: 'POST',
      body: form,
      headers: bearer(gw.keys.acme),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const plan = await waitFor(
      async () => {
        const r = await gw.app.request(`/v1/plans/${id}`, { headers: bearer(gw.keys.acme) });
        const p = (await r.json()) as { status: string; sha256: string };
        return p.status === 'completed' || p.status === 'failed' ? p : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'plan settled' },
    );
    expect(plan.status).toBe('completed');

    const preview = await gw.app.request(`/v1/plans/${id}/pages/1/preview.png`, {
      headers: bearer(gw.keys.acme),
    });
    expect(preview.status).toBe(200);
    expect([...new Uint8Array(await preview.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const xlsx = await gw.app.request(`/v1/plans/${id}/bom?format=xlsx`, { headers: bearer(gw.keys.acme) });
    expect(xlsx.status).toBe(200);

    // Every blob is in the bucket; the shared directory holds none.
    expect(existsSync(join(gw.dataDir, 'blobs'))).toBe(false);
    expect(await gw.deps.store.get(plan.sha256)).toEqual(new Uint8Array(pdf));

    const ready = await gw.app.request('/health/ready');
    expect(ready.status).toBe(200);
  }, 120_000);
});
