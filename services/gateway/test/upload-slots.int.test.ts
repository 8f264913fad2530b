import { buildTextPdf } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestGateway, type TestGateway } from './harness.ts';

// MAX_CONCURRENT_UPLOADS: uploads beyond the cap are refused before their body is read.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ MAX_CONCURRENT_UPLOADS: '1', RATE_LIMITS_ENABLED: 'false' });
  await Promise.all(Object.values(gw.deps.queues).map((q) => q.pause()));
});
afterAll(async () => {
  await gw?.close();
});

function uploadPdf(body: BodyInit) {
  return gw.app.request('/v1/plans?filename=lent.pdf', {
    method: 'POST',
    headers: bearer(gw.keys.acme, { 'content-type': 'application/pdf' }),
    body,
    // A streamed request body (Node's fetch Request needs it spelled out).
    duplex: 'half',
  } as RequestInit);
}

describe('concurrent upload cap', () => {
  it('refuses an upload over the cap with 503 and Retry-After, and frees the slot when the first ends', async () => {
    const pdf = await buildTextPdf(['Plan téléversé lentement']);
    // The first upload sends half its bytes, then waits: it holds the only slot.
    let finish: () => void = () => {};
    const slow = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(pdf.slice(0, 100));
        finish = () => {
          controller.enqueue(pdf.slice(100));
          controller.close();
        };
      },
    });
    const first = uploadPdf(slow);
    await new Promise((r) => setTimeout(r, 200));

    const refused = await uploadPdf(pdf);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(((await refused.json()) as { code: string }).code).toBe('dependency_unavailable');
    // Catalogue imports share the cap.
    const catalogue = await gw.app.request('/v1/catalogs', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'text/csv' }),
      body: 'x',
    });
    expect(catalogue.status).toBe(503);

    finish();
    expect((await first).status).toBe(202);
    expect((await uploadPdf(pdf)).status).toBe(202);
  });
});
