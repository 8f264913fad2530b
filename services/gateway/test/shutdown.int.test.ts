import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect as netConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildTextPdf,
  createTestDatabase,
  deleteQueuePrefix,
  getFreePort,
  type RunningService,
  startService,
  type TestDatabase,
  testRedisUrl,
  uniqueName,
  waitHealthy,
} from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestGateway, type TestGateway } from './harness.ts';

/**
 * Graceful shutdown (docs/reliability.md, defect 5): after SIGTERM the gateway answers what is
 * in flight, serves for a 1 s grace with every connection closed after its answer, then refuses
 * what starts (503 + Retry-After + Connection: close, or a refused connection), and exits as
 * soon as the requests in flight are answered — not after a fixed delay.
 */

describe('while draining (in process)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('during the grace: still serves, but closes every connection and reports not ready', async () => {
    gw.deps.drain.start();
    const res = await gw.app.request('/v1/plans', { headers: bearer(gw.keys.acme) });
    expect(res.status).toBe(200);
    expect(res.headers.get('connection')).toBe('close');
    const ready = await gw.app.request('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toBe('2');
    expect(await ready.json()).toEqual({ status: 'draining' });
    // Still alive: a liveness failure would get the process killed before it has drained.
    expect((await gw.app.request('/health')).status).toBe(200);
  });

  it('after the grace: refuses requests with 503 problem+json, Retry-After and Connection: close (FR and EN)', async () => {
    gw.deps.drain.refuse();
    const res = await gw.app.request('/v1/plans', {
      method: 'POST',
      body: new Uint8Array([0x25, 0x50, 0x44, 0x46]),
      headers: bearer(gw.keys.acme, { 'content-type': 'application/pdf' }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.headers.get('connection')).toBe('close');
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({
      code: 'dependency_unavailable',
      detail: 'Cette instance de la passerelle s’arrête; réessayez dans quelques secondes.',
    });
    const en = await gw.app.request('/v1/plans', {
      headers: bearer(gw.keys.acme, { 'accept-language': 'en' }),
    });
    expect(en.status).toBe(503);
    expect(((await en.json()) as { detail: string }).detail).toBe(
      'This gateway instance is shutting down; retry in a few seconds.',
    );
    // Nothing was done for them.
    expect(await gw.db.handle.db.query.plans.findMany()).toEqual([]);
    expect((await gw.app.request('/health/ready')).status).toBe(503);
    expect((await gw.app.request('/health')).status).toBe(200);
  });
});

type Answer = { status: number; headers: IncomingHttpHeaders; body: string };

/** Reads one raw HTTP/1.1 answer until the server closes the connection. */
function readUntilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let raw = '';
    socket.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    socket.once('error', reject);
    socket.once('close', () => resolve(raw));
  });
}

describe('SIGTERM to the gateway process', () => {
  let db: TestDatabase;
  let service: RunningService | undefined;
  const prefix = uniqueName('gw_sigterm');
  const dataDir = mkdtempSync(join(tmpdir(), 'saeq-gw-sigterm-'));
  const key = `sigterm_${Math.random().toString(36).slice(2)}_test_key`;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    service?.kill('SIGKILL');
    await db?.drop();
    await deleteQueuePrefix(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the request in flight, refuses the next one and exits right after', async () => {
    const port = await getFreePort();
    const url = `http://127.0.0.1:${port}`;
    const gateway = startService('gateway', {
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: prefix,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      BOOTSTRAP_API_KEY: key,
      BOOTSTRAP_ORG: 'sigterm',
      LOG_LEVEL: 'info',
      ENABLE_BULL_BOARD: 'false',
    });
    service = gateway;
    await waitHealthy(`${url}/health/ready`, 120_000);

    // In flight at the signal: a plan upload whose body is still arriving.
    const pdf = await buildTextPdf(['PLAN ÉLECTRIQUE — ARRÊT EN DOUCEUR']);
    const half = Math.floor(pdf.length / 2);
    const upload = httpRequest(`${url}/v1/plans`, {
      method: 'POST',
      headers: { ...bearer(key), 'content-type': 'application/pdf', 'content-length': String(pdf.length) },
    });
    const uploaded = new Promise<Answer>((resolve, reject) => {
      upload.once('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      upload.once('error', reject);
    });
    upload.write(pdf.subarray(0, half));

    // Starts after the grace on a connection opened before the signal: its first header line is
    // sent now, the rest later (a connection with a request begun is not idle, so
    // closeIdleConnections leaves it open).
    const late = netConnect(port, '127.0.0.1');
    await new Promise<void>((resolve) => late.once('connect', () => resolve()));
    const lateAnswer = readUntilClosed(late);
    late.write('GET /v1/plans HTTP/1.1\r\n');

    await new Promise((r) => setTimeout(r, 500));
    gateway.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    // Within the grace (1 s): still served, on a connection closed after its answer; not ready.
    const during = await fetch(`${url}/v1/plans`, { headers: bearer(key) });
    expect(during.status).toBe(200);
    expect(during.headers.get('connection')).toBe('close');
    expect((await fetch(`${url}/health/ready`)).status).toBe(503);
    await new Promise((r) => setTimeout(r, 1500));
    // Past the grace, still draining: the upload holds the exit.
    expect(gateway.child.exitCode).toBeNull();
    // No new connections once refusing.
    const refused = await fetch(`${url}/health`).then(
      () => 'answered',
      (err: unknown) => (err as { cause?: { code?: string } }).cause?.code ?? String(err),
    );
    expect(refused).toBe('ECONNREFUSED');

    late.write(`Host: 127.0.0.1\r\nAuthorization: Bearer ${key}\r\n\r\n`);
    const raw = await lateAnswer;
    expect(raw).toMatch(/^HTTP\/1\.1 503 /);
    expect(raw).toMatch(/\r\nretry-after: 2\r\n/i);
    expect(raw).toMatch(/\r\nconnection: close\r\n/i);
    expect(raw).toContain('"code":"dependency_unavailable"');

    // The upload completes normally, then the process exits without waiting for anything else.
    const sentAt = Date.now();
    upload.end(pdf.subarray(half));
    const answer = await uploaded;
    expect({ status: answer.status, body: answer.body }).toMatchObject({ status: 202 });
    expect(answer.headers.connection).toBe('close');
    const code = await gateway.exited;
    const exitMs = Date.now() - sentAt;
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(3000);
    expect(gateway.output()).toContain('gateway drained');

    // Exactly the accepted upload exists: the refused request created nothing.
    const { id } = JSON.parse(answer.body) as { id: string };
    const rows = await db.handle.db.query.plans.findMany();
    expect(rows.map((r) => r.id)).toEqual([id]);
  }, 180_000);
});
