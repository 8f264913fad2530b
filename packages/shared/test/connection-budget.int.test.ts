import { Writable } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '@saeq/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConnectionBudget, readServerConnections } from '../src/db/connection-budget.ts';
import { createLogger } from '../src/logger/index.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

type Line = { level: number | string; msg: string; connections?: { status: string } };

function capturingLogger() {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line) as Line);
      cb();
    },
  });
  return { lines, logger: createLogger({ service: 'test', level: 'info', destination: sink }) };
}

/** The server's own answer, read on a separate connection. */
async function showSetting(name: string): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const result = await client.query<{ value: string }>(`select current_setting('${name}') as value`);
    return Number(result.rows[0]?.value);
  } finally {
    await client.end();
  }
}

describe('Postgres connection budget (real server)', () => {
  it('reads max_connections, the reserved slots and the open client connections', async () => {
    const before = await readServerConnections(database.handle);
    expect(before?.maxConnections).toBe(await showSetting('max_connections'));
    expect(before?.reservedConnections).toBeGreaterThanOrEqual(
      await showSetting('superuser_reserved_connections'),
    );
    // Three more connections are seen as open (other tests may open or close some meanwhile).
    const extra = await Promise.all(
      [1, 2, 3].map(async () => {
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        return client;
      }),
    );
    try {
      const during = await readServerConnections(database.handle);
      expect(during?.openConnections).toBeGreaterThanOrEqual(3);
      expect(during?.openConnections).toBeLessThanOrEqual(during?.maxConnections ?? 0);
    } finally {
      await Promise.all(extra.map((c) => c.end()));
    }
  });

  it('warns at start-up when this host’s pools approach max_connections, and stays quiet when they do not', async () => {
    const server = await readServerConnections(database.handle);
    if (!server) throw new Error('expected a pg handle');
    const usable = server.maxConnections - server.reservedConnections;

    const quiet = capturingLogger();
    const small = await checkConnectionBudget(database.handle, { poolMax: 1, processes: 1 }, quiet.logger);
    // A busy shared server could itself be near its limit: then the warning is right.
    if (small?.openConnections !== undefined && small.openConnections < usable * 0.8) {
      expect(small.status).toBe('ok');
      expect(quiet.lines.filter((l) => /connection budget/.test(l.msg))).toEqual([]);
    }

    const loud = capturingLogger();
    const processes = Math.ceil(usable / 10); // 10 per process: at least every usable slot
    const budget = await checkConnectionBudget(database.handle, { poolMax: 10, processes }, loud.logger);
    expect(budget?.hostPoolConnections).toBe(10 * processes);
    expect(['near', 'over']).toContain(budget?.status);
    const warning = loud.lines.find((l) => /postgres connection budget (near|over)/.test(l.msg));
    expect(warning?.msg).toContain(`max_connections ${server.maxConnections}`);
    expect(warning?.connections?.status).toBe(budget?.status);
  });
});
