import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { buildTextPdf, testPostgresUrl } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestGateway, type TestGateway } from './harness.ts';

/**
 * Postgres becomes unreachable under a running gateway (docs/reliability.md, defect 4): every
 * answer must be 503 problem+json with Retry-After, never a 500, and the gateway must accept
 * again once Postgres is back. The gateway reaches the real Postgres through a TCP proxy the
 * test controls, so the outage hits only this gateway, not the other tests sharing the server.
 */

/** A TCP proxy to Postgres that can refuse, stall or cut connections like a dead server would. */
class PostgresProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  /** 'stall': new connections are accepted and never answered; 'freeze': bytes stop flowing. */
  mode: 'forward' | 'stall' | 'freeze' = 'forward';
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async listen(): Promise<void> {
    const server = createServer((client) => {
      this.track(client);
      if (this.mode === 'stall') return;
      const upstream = netConnect(this.target.port, this.target.host);
      this.track(upstream);
      client.on('data', (chunk) => {
        if (this.mode !== 'freeze') upstream.write(chunk);
      });
      upstream.on('data', (chunk) => {
        if (this.mode !== 'freeze') client.write(chunk);
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    this.server = server;
  }

  /** Postgres is gone: nothing listens on the port any more and every open connection drops. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    // Stop accepting first, so no connection slips in between the cut and the close.
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : undefined;
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => this.sockets.delete(socket));
  }
}

let gw: TestGateway;
let proxy: PostgresProxy;
let pdf: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  // Test databases live on the server of testPostgresUrl; the gateway reaches it through the proxy.
  const server = new URL(testPostgresUrl);
  proxy = new PostgresProxy({ host: server.hostname, port: Number(server.port || 5432) });
  await proxy.listen();
  gw = await startTestGateway(
    { RATE_LIMITS_ENABLED: 'false' },
    {
      databaseUrl: (url) => {
        const u = new URL(url);
        u.hostname = '127.0.0.1';
        u.port = String(proxy.port);
        return u.toString();
      },
    },
  );
  pdf = await buildTextPdf(['PLAN ÉLECTRIQUE — PANNE POSTGRES']);
  await Promise.all(Object.values(gw.deps.queues).map((q) => q.pause()));
});
afterAll(async () => {
  await gw?.close();
  await proxy?.cut();
});

function postPlan(headers: Record<string, string> = {}) {
  return gw.app.request('/v1/plans', {
    method: 'POST',
    body: pdf,
    headers: bearer(gw.keys.acme, { 'content-type': 'application/pdf', ...headers }),
  });
}

async function expectUnavailable(res: Response, lang: 'fr' | 'en' = 'fr') {
  const body = (await res.json()) as Record<string, unknown>;
  expect({ status: res.status, body }).toMatchObject({
    status: 503,
    body: { code: 'dependency_unavailable' },
  });
  expect(res.headers.get('retry-after')).toBe('5');
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(body.detail).toBe(
    lang === 'fr'
      ? 'La base de données ne répond pas pour le moment; réessayez dans quelques secondes.'
      : 'The database is not answering right now; retry in a few seconds.',
  );
}

describe('Postgres unreachable under a running gateway', () => {
  let planId: string;

  it('accepts normally through the proxy (the key is now cached, as on a busy gateway)', async () => {
    const res = await postPlan();
    expect(res.status).toBe(202);
    planId = ((await res.json()) as { id: string }).id;
  });

  it('answers 503 + Retry-After (FR and EN), never 500, while nothing listens', async () => {
    await proxy.cut();
    // Idle pooled connections were cut too: give the pool a moment to notice and drop them.
    await new Promise((r) => setTimeout(r, 100));
    await expectUnavailable(await postPlan());
    await expectUnavailable(await postPlan({ 'accept-language': 'en' }), 'en');
    await expectUnavailable(await gw.app.request(`/v1/plans/${planId}`, { headers: bearer(gw.keys.acme) }));
    await expectUnavailable(
      await gw.app.request('/v1/agents/electrical-calculator/runs', {
        method: 'POST',
        body: JSON.stringify({ message: 'Quel calibre pour 40 A ?' }),
        headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
      }),
    );
    const ready = await gw.app.request('/health/ready');
    expect(ready.status).toBe(503);
    // Only the plan accepted before the outage exists.
    const rows = await gw.db.handle.db.query.plans.findMany();
    expect(rows.map((r) => r.id)).toEqual([planId]);
  });

  it('answers 503 when connections are cut under a query in flight', async () => {
    await proxy.listen();
    expect((await postPlan()).status).toBe(202);
    // The next query leaves the gateway but never reaches Postgres; then the connection drops
    // ("Connection terminated unexpectedly"). A plain read: a transaction whose BEGIN is cut
    // leaks its pool client (drizzle-orm, see docs/reliability.md defect 4) and would hang close().
    proxy.mode = 'freeze';
    const pending = gw.app.request(`/v1/plans/${planId}`, { headers: bearer(gw.keys.acme) });
    await new Promise((r) => setTimeout(r, 300));
    await proxy.cut();
    proxy.mode = 'forward';
    await expectUnavailable(await pending);
  });

  it('answers 503 when the connection drops during a transaction’s BEGIN, and loses no pool slot', async () => {
    await proxy.listen();
    expect((await postPlan()).status).toBe(202);
    // An upload's first query is the BEGIN of its transaction. drizzle-orm 0.45 sends it outside
    // its try/finally, so without createDb's guard the dead client stayed checked out for good
    // and close() (afterAll) would wait for it forever.
    proxy.mode = 'freeze';
    const pending = postPlan();
    await new Promise((r) => setTimeout(r, 300));
    await proxy.cut();
    proxy.mode = 'forward';
    await expectUnavailable(await pending);
    // Nothing left checked out: every client the gateway's pool holds is idle.
    const pool = (gw.deps.db.db as unknown as { $client: { totalCount: number; idleCount: number } }).$client;
    expect(pool.totalCount).toBe(pool.idleCount);
  });

  it('answers 503 when Postgres accepts connections but never answers (pool connect timeout)', async () => {
    // The previous case left nothing listening and nothing in the pool.
    proxy.mode = 'stall';
    await proxy.listen();
    const started = Date.now();
    await expectUnavailable(await postPlan());
    // connectionTimeoutMillis is 5 s in createDb.
    expect(Date.now() - started).toBeGreaterThanOrEqual(4500);
    proxy.mode = 'forward';
  }, 20_000);

  it('accepts again as soon as Postgres is back', async () => {
    await proxy.cut();
    await proxy.listen();
    const res = await postPlan();
    expect(res.status).toBe(202);
    expect((await gw.app.request('/health/ready')).status).toBe(200);
  });
});
