import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type DbHandle } from '@saeq/shared/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgliteServer, servePglite } from './pglite-server.ts';

// `pnpm start` serves its embedded database to four services over a socket. Several connections
// sending parameterised queries at once is what they do all day. The same workload through
// pglite-socket 0.2.17's own PGLiteSocketServer failed when this was written (wrong statements,
// then its queue stopped: pglite#1046), which is why start.ts uses servePglite.

/** Three pools (as three services would), each query checked against the answer it must get. */
async function concurrentWorkload(port: number): Promise<{ wrong: number; errors: string[] }> {
  const pools = Array.from(
    { length: 3 },
    () => new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`, max: 4 }),
  );
  let wrong = 0;
  const errors: string[] = [];
  try {
    const tasks: Promise<void>[] = [];
    for (let i = 0; i < 240; i++) {
      const pool = pools[i % pools.length] as pg.Pool;
      const task = async () => {
        if (i % 3 === 0) {
          // One parameter, one column.
          const r = await pool.query<{ n: number }>('select $1::int + 1 as n', [i]);
          if (r.rows[0]?.n !== i + 1) wrong++;
        } else if (i % 3 === 1) {
          // Two parameters of other types, two columns: a Bind meant for the other shape fails.
          const r = await pool.query<{ a: string; b: string }>('select $1::text as a, $2::text as b', [
            `a${i}`,
            `b${i}`,
          ]);
          if (r.rows[0]?.a !== `a${i}` || r.rows[0]?.b !== `b${i}`) wrong++;
        } else {
          // A transaction: its writes and reads stay together.
          const client = await pool.connect();
          try {
            await client.query('begin');
            await client.query('insert into t(k, v) values ($1, $2)', [i, `v${i}`]);
            const r = await client.query<{ v: string }>('select v from t where k = $1', [i]);
            if (r.rows[0]?.v !== `v${i}`) wrong++;
            await client.query('commit');
          } finally {
            client.release();
          }
        }
      };
      tasks.push(task().catch((err: Error) => void errors.push(err.message)));
    }
    await Promise.all(tasks);
  } finally {
    await Promise.all(pools.map((p) => p.end()));
  }
  return { wrong, errors };
}

describe('servePglite: one embedded database, many connections', () => {
  const dirs: string[] = [];
  const handles: DbHandle[] = [];
  /** A fresh embedded database, as `pnpm start` opens one. */
  async function embedded(): Promise<NonNullable<DbHandle['pglite']>> {
    const dataDir = mkdtempSync(join(tmpdir(), 'saeq-pglite-server-'));
    dirs.push(dataDir);
    const handle = await createDb({ dataDir });
    handles.push(handle);
    if (!handle.pglite) throw new Error('expected the embedded database');
    return handle.pglite;
  }
  let db: NonNullable<DbHandle['pglite']>;
  let server: PgliteServer;

  beforeAll(async () => {
    db = await embedded();
    await db.exec('create table t (k int primary key, v text)');
    server = await servePglite({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
  });
  afterAll(async () => {
    await server?.stop();
    for (const handle of handles) await handle.close().catch(() => {});
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps each connection’s extended-query batch and transaction together', async () => {
    const { wrong, errors } = await concurrentWorkload(server.port);
    expect(errors).toEqual([]);
    expect(wrong).toBe(0);
    const count = await db.query<{ n: number }>('select count(*)::int as n from t');
    expect(count.rows[0]?.n).toBe(80);
  }, 60_000);

  it('serves the others when a connection goes away inside a transaction or a batch', async () => {
    const url = `postgres://postgres@127.0.0.1:${server.port}/postgres`;
    const quitter = new pg.Client(url);
    quitter.on('error', () => {});
    await quitter.connect();
    await quitter.query('begin');
    await quitter.query('insert into t(k, v) values (100000, $1)', ['never committed']);
    // The socket dies without COMMIT, ROLLBACK or Terminate.
    (quitter as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();

    const other = new pg.Client(url);
    await other.connect();
    try {
      const r = await other.query<{ n: number }>('select count(*)::int as n from t where k = $1', [100000]);
      expect(r.rows[0]?.n).toBe(0);
      expect(db.isInTransaction()).toBe(false);
    } finally {
      await other.end();
    }
  }, 30_000);
});
