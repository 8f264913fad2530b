import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postWebhook } from './webhook.processor.ts';

// A real receiver on loopback (allow-listed) that answers slowly.
let server: Server | undefined;
afterEach(async () => {
  const s = server;
  server = undefined;
  if (!s) return;
  s.closeAllConnections();
  await new Promise((r) => s.close(r));
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
}

const policy = { allowedHosts: ['127.0.0.1'] };

describe('webhook delivery deadline', () => {
  it('gives up on a target that trickles its answer, after the whole-delivery deadline', async () => {
    // One byte every 100 ms never leaves the socket idle for the 1 s per-silence timeout.
    const url = await listen((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' });
      const drip = setInterval(() => res.write('.'), 100);
      res.on('close', () => clearInterval(drip));
    });
    const started = Date.now();
    await expect(postWebhook(url, '{}', {}, { policy, timeoutMs: 1000 })).rejects.toThrow(/exceeded 1000 ms/);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(3000);
  });

  it('delivers to a prompt target and returns its status', async () => {
    const url = await listen((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    expect(await postWebhook(url, '{}', {}, { policy, timeoutMs: 1000 })).toBe(204);
  });

  it('refuses NAT64 and 6to4 literals for good', async () => {
    for (const host of ['[64:ff9b::a9fe:a9fe]', '[2002:7f00:1::1]']) {
      await expect(
        postWebhook(`http://${host}/hooks`, '{}', {}, { policy: { allowedHosts: [] }, timeoutMs: 1000 }),
      ).rejects.toMatchObject({ code: 'webhook_target_forbidden' });
    }
  });
});
