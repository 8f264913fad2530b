import { createServer, type Server } from 'node:http';
import { webhookJobId } from '@saeq/shared/queues';
import { verifyWebhook } from '@saeq/shared/webhooks';
import { buildTextPdf, inspectQueue, waitFor } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type RunningWorkers, startTestGateway, startWorkers, type TestGateway } from './harness.ts';

// Signed webhooks delivered by worker-bom to a receiver on loopback (allow-listed), and refused
// for a private address that is not allow-listed (SSRF guard).

type Delivery = { headers: Record<string, string | string[] | undefined>; body: string };
let gw: TestGateway;
let receiver: Server;
let receiverUrl: string;
const deliveries: Delivery[] = [];
let workers: RunningWorkers | undefined;

beforeAll(async () => {
  gw = await startTestGateway();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body });
      res.writeHead(deliveries.length === 1 ? 500 : 204).end(); // the first delivery fails: it must be retried
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks`;
  workers = await startWorkers(gw, [
    'worker-pdf',
    { name: 'worker-bom', env: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } },
  ]);
}, 60_000);

afterAll(async () => {
  await workers?.stop();
  await new Promise((r) => receiver?.close(r));
  await gw?.close();
});

describe('webhooks', () => {
  it('POSTs a signed plan.completed event once every stage is done, retrying a failed delivery', async () => {
    const form = new FormData();
    form.set(
      'file',
      new File([await buildTextPdf(['Plan avec rappel'])], 'hook.pdf', { type: 'application/pdf' }),
    );
    form.set('callbackUrl', receiverUrl);
    const res = await gw.app.request('/v1/plans', {
      method: 'POST',
      body: form,
      headers: bearer(gw.keys.acme),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };

    const delivered = await waitFor(async () => deliveries.find((d, i) => i > 0 && d.body.includes(id)), {
      timeoutMs: 60_000,
      what: 'second webhook delivery',
    });
    const secret = (
      (await (
        await gw.app.request('/v1/admin/webhook-secret', { headers: bearer(gw.keys.acme) })
      ).json()) as { secret: string }
    ).secret;
    const signature = String(delivered.headers['saeq-signature']);
    expect(verifyWebhook(secret, delivered.body, signature, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifyWebhook(`${secret}x`, delivered.body, signature, Math.floor(Date.now() / 1000))).toBe(false);
    expect(delivered.headers['saeq-event']).toBe('plan.completed');
    const event = JSON.parse(delivered.body) as {
      event: string;
      data: { planId: string; status: string; links: { self: string } };
    };
    expect(event).toMatchObject({
      event: 'plan.completed',
      data: { planId: id, status: 'completed', links: { self: `/v1/plans/${id}` } },
    });
    expect(deliveries.filter((d) => d.body.includes(id))).toHaveLength(2); // one failed (500), one retried
  }, 90_000);

  it('signs BOM completion events too', async () => {
    const res = await gw.app.request('/v1/boms', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
      body: JSON.stringify({ items: [{ type: 'receptacle', quantity: 2 }], callbackUrl: receiverUrl }),
    });
    const { id } = (await res.json()) as { id: string };
    const delivered = await waitFor(async () => deliveries.find((d) => d.body.includes(id)), {
      timeoutMs: 30_000,
      what: 'bom webhook',
    });
    expect(delivered.headers['saeq-event']).toBe('bom.completed');
  });

  it('refuses, for good, a callback to a private address that is not allow-listed', async () => {
    const res = await gw.app.request('/v1/boms', {
      method: 'POST',
      headers: bearer(gw.keys.other, { 'content-type': 'application/json' }),
      body: JSON.stringify({ items: [{ type: 'switch', quantity: 1 }], callbackUrl: 'http://10.0.0.7/hook' }),
    });
    const { id } = (await res.json()) as { id: string };
    const q = inspectQueue('webhook', gw.prefix);
    try {
      const job = await waitFor(
        async () => {
          const j = await q.queue.getJob(webhookJobId(id, 'bom.completed'));
          return j && (await j.getState()) === 'failed' ? j : undefined;
        },
        { timeoutMs: 30_000, what: 'webhook job failed' },
      );
      expect(job.failedReason).toContain('10.0.0.7');
      expect(job.attemptsMade).toBe(1);
    } finally {
      await q.close();
    }
  });
});
