import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './harness.ts';

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

type Connections = {
  maxConnections: number;
  usableConnections: number;
  poolMax: number;
  processes: number;
  hostPoolConnections: number;
  status: string;
};

async function connectionsOf(gw: TestGateway): Promise<Connections | undefined> {
  const res = await gw.app.request('/health/detailed', { headers: bearer(gw.keys.operator) });
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    dependencies: { postgres: { ok: boolean; connections?: Connections } };
  };
  expect(body.dependencies.postgres.ok).toBe(true);
  return body.dependencies.postgres.connections;
}

describe('/health/detailed: the Postgres connection budget', () => {
  let small: TestGateway;
  let crowded: TestGateway;
  beforeAll(async () => {
    small = await startTestGateway({ DATABASE_POOL_MAX: '5' });
    // 8 processes of 50 connections: past the 100 connections of a default server.
    crowded = await startTestGateway({ DATABASE_POOL_MAX: '50', GATEWAY_PROCESSES: '8' });
  });
  afterAll(async () => {
    await small?.close();
    await crowded?.close();
  });

  it("reports max_connections against this gateway's pools, ok while they are small", async () => {
    const connections = await connectionsOf(small);
    expect(connections).toMatchObject({ poolMax: 5, processes: 1, hostPoolConnections: 5 });
    expect(connections?.maxConnections).toBeGreaterThan(0);
    // The shared test server may be busy with other suites' connections: ok or near, never over.
    expect(['ok', 'near']).toContain(connections?.status);
  });

  it('reports near or over when DATABASE_POOL_MAX × GATEWAY_PROCESSES reaches max_connections', async () => {
    const connections = await connectionsOf(crowded);
    expect(connections?.hostPoolConnections).toBe(400);
    const expected = 400 > (connections?.usableConnections ?? 0) ? 'over' : 'near';
    if (400 >= (connections?.usableConnections ?? 0) * 0.8) expect(connections?.status).toBe(expected);
  });
});
