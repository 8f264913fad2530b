import { testPostgresUrl } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpProxy } from '../../../packages/shared/test/tcp-proxy.ts';
import { clientIpFromForwarded } from '../src/middleware/request-context.ts';
import { bearer, startTestGateway, type TestGateway } from './harness.ts';

// The per-IP limit on requests without a valid key, behind the shipped nginx (one trusted proxy
// appending the peer it saw to X-Forwarded-For): the client's own X-Forwarded-For entries must not
// move it to a fresh bucket, and an IP over its budget costs no Postgres key lookup.

describe('client address from X-Forwarded-For', () => {
  it.each([
    // [header, trusted proxies, client]
    ['203.0.113.9', 1, '203.0.113.9'],
    ['1.1.1.1, 203.0.113.9', 1, '203.0.113.9'], // the client wrote 1.1.1.1; nginx appended the peer
    ['1.1.1.1, 203.0.113.9, 10.0.0.2', 2, '203.0.113.9'], // nginx then an ingress
    ['203.0.113.9', 2, '203.0.113.9'], // fewer hops than proxies: the farthest one there is
    [' 1.1.1.1 ,203.0.113.9 ', 1, '203.0.113.9'],
  ])('%s with %i trusted proxies → %s', (header, trusted, client) => {
    expect(clientIpFromForwarded(header, trusted)).toBe(client);
  });
});

let gw: TestGateway;
let proxy: TcpProxy;

beforeAll(async () => {
  const server = new URL(testPostgresUrl);
  proxy = new TcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  await proxy.start();
  gw = await startTestGateway(
    {
      TRUST_PROXY: 'true',
      TRUSTED_PROXY_COUNT: '1',
      RATE_LIMIT_ANONYMOUS: '3/60',
      RATE_LIMIT_GENERAL: '1000/60',
    },
    { databaseUrl: (url) => proxy.urlFor(url) },
  );
});
afterAll(async () => {
  await gw?.close();
  await proxy?.stop();
});

const badKey = 'saeq_wrong_key_wrong_key_wrong_key_wrong_key';

describe('per-IP limit of failed keys', () => {
  it('limits one client whatever it writes at the left of X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await gw.app.request('/v1/plans', {
        headers: bearer(badKey, { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.9` }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('answers an IP over its budget 429 before looking the key up (Postgres unreachable meanwhile)', async () => {
    const from = { 'x-forwarded-for': '203.0.113.77' };
    for (let i = 0; i < 3; i++) {
      expect((await gw.app.request('/v1/plans', { headers: bearer(badKey, from) })).status).toBe(401);
    }
    await proxy.stop();
    try {
      const res = await gw.app.request('/v1/plans', { headers: bearer(`${badKey}x`, from) });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBeTruthy();
    } finally {
      await proxy.start();
    }
  });
});
