import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, getFreePort, type TestDatabase } from '@saeq/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, isDatabaseUnavailable, migrateWithRetry, organisations } from '../src/db/index.ts';
import { TcpProxy } from './tcp-proxy.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '../../..');

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const pgTarget = () => {
  const u = new URL(database.url);
  return { host: u.hostname, port: Number(u.port || 5432) };
};

describe('isDatabaseUnavailable on real errors', () => {
  it('is true for a refused connection, as pg and as drizzle (DrizzleQueryError.cause) report it', async () => {
    const port = await getFreePort(); // nothing listens there
    const url = new URL(database.url);
    url.port = String(port);
    const handle = await createDb({ databaseUrl: url.toString(), dataDir: '/nonexistent', poolMax: 1 });
    try {
      const viaPing = await handle.ping().then(
        () => null,
        (err: unknown) => err,
      );
      const viaDrizzle = await handle.db
        .select()
        .from(organisations)
        .then(
          () => null,
          (err: unknown) => err,
        );
      expect(viaPing).not.toBeNull();
      expect(isDatabaseUnavailable(viaPing)).toBe(true);
      // drizzle wraps the driver's error: "Failed query: …" with the pg error as cause.
      expect((viaDrizzle as Error).message).toMatch(/Failed query/);
      expect(isDatabaseUnavailable(viaDrizzle)).toBe(true);
    } finally {
      await handle.close();
    }
  });

  it('is true for the SQLSTATEs of a server going away and the pool giving up', () => {
    for (const code of ['57P01', '57P02', '57P03', '08006', '08001', '08003', '53300'])
      expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code })), code).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    const aggregate = new AggregateError([Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })]);
    expect(isDatabaseUnavailable(new Error('Failed query', { cause: aggregate }))).toBe(true);
  });

  it('is false for errors of the query itself, which retrying later does not fix', async () => {
    const handle = database.handle;
    const duplicate = await handle.db
      .insert(organisations)
      .values([
        { slug: 'same', name: 'a' },
        { slug: 'same', name: 'b' },
      ])
      .then(
        () => null,
        (err: unknown) => err,
      );
    const syntax = await handle.db.execute(sql`select from nowhere at all`).then(
      () => null,
      (err: unknown) => err,
    );
    expect((duplicate as { cause?: { code?: string } }).cause?.code).toBe('23505');
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    expect(isDatabaseUnavailable(syntax)).toBe(false);
    expect(isDatabaseUnavailable(new Error('webhook answered HTTP 500'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe('migrateWithRetry', () => {
  it('waits for a database that is not up yet, then migrates', async () => {
    const proxy = new TcpProxy(pgTarget());
    await proxy.start();
    await proxy.stop(); // the port is known, nothing answers on it yet
    const handle = await createDb({
      databaseUrl: proxy.urlFor(database.url),
      dataDir: '/nonexistent',
      poolMax: 2,
    });
    const retries: number[] = [];
    try {
      const migrating = migrateWithRetry(handle, {
        initialDelayMs: 100,
        maxDelayMs: 200,
        onRetry: ({ delayMs }) => retries.push(delayMs),
      });
      await new Promise((r) => setTimeout(r, 700));
      await proxy.start();
      await migrating;
      expect(retries.length).toBeGreaterThanOrEqual(3);
      expect(retries.slice(0, 3)).toEqual([100, 200, 200]);
      await handle.ping();
    } finally {
      await handle.close();
      await proxy.stop();
    }
  });

  it('gives up after its time limit, and at once on errors other than unavailability', async () => {
    const port = await getFreePort();
    const url = new URL(database.url);
    url.port = String(port);
    const down = await createDb({ databaseUrl: url.toString(), dataDir: '/nonexistent', poolMax: 1 });
    const started = Date.now();
    await expect(migrateWithRetry(down, { initialDelayMs: 50, timeoutMs: 300 })).rejects.toSatisfy(
      isDatabaseUnavailable,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    await down.close();

    // A database that answers but refuses the connection (unknown database): not retried.
    const missing = new URL(database.url);
    missing.pathname = '/saeq_no_such_database';
    const wrong = await createDb({ databaseUrl: missing.toString(), dataDir: '/nonexistent', poolMax: 1 });
    let tries = 0;
    await expect(migrateWithRetry(wrong, { initialDelayMs: 50, onRetry: () => tries++ })).rejects.toThrow(
      /does not exist/,
    );
    expect(tries).toBe(0);
    await wrong.close();
  });
});

describe('a connection terminated by the server while checked out', () => {
  it('does not kill the process: the error is logged, the transaction fails, the pool recovers', () => {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(here, 'fixtures/terminate-backend.ts')],
      {
        cwd: repoRoot,
        env: { ...process.env, TEST_TERMINATE_DATABASE_URL: database.url },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(child.status, `child output:\n${child.stdout}\n${child.stderr}`).toBe(0);
    const report = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}');
    expect(report.survived).toBe(true);
    // The server's message reached the client's own listener (not an unhandled 'error').
    expect(report.poolErrors.join('\n')).toMatch(/57P01|terminating connection/);
    expect(report.txErrorIsUnavailable).toBe(true);
  });
});

describe('a connection cut during BEGIN', () => {
  it('goes back to the pool: the next queries still get a connection', async () => {
    // drizzle-orm 0.45 sends BEGIN outside its try/finally; without createDb's guard each cut
    // BEGIN keeps a dead client checked out, and with poolMax 1 the next query waits for the
    // 5 s connect timeout and fails.
    const proxy = new TcpProxy(pgTarget());
    await proxy.start();
    const handle = await createDb({
      databaseUrl: proxy.urlFor(database.url),
      dataDir: '/nonexistent',
      poolMax: 1,
    });
    try {
      for (let i = 0; i < 3; i++) {
        proxy.cutWhenClientSends = /begin/i;
        const err = await handle.db
          .transaction(async (tx) => {
            await tx.execute(sql`select 1`);
          })
          .then(
            () => null,
            (e: unknown) => e,
          );
        expect(isDatabaseUnavailable(err), String(err)).toBe(true);
        proxy.cutWhenClientSends = null;
        const started = Date.now();
        await handle.ping();
        expect(Date.now() - started).toBeLessThan(2000);
      }
      // A transaction that does run still commits.
      const rows = await handle.db.transaction(async (tx) => tx.execute(sql`select 42 as n`));
      expect((rows as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(42);
    } finally {
      await handle.close();
      await proxy.stop();
    }
  }, 30_000);
});
