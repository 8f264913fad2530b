import { randomBytes } from 'node:crypto';
import { createDb, type DbHandle } from '@saeq/shared/db';
import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * Real infrastructure for tests: a fresh Postgres database per test file (dropped afterwards)
 * and a unique BullMQ prefix on the real Redis (its keys deleted afterwards).
 */

export const testPostgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const testRedisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

export type TestDatabase = { url: string; name: string; handle: DbHandle; drop(): Promise<void> };

/** Creates an empty database, migrates it and returns a pg-backed handle. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = uniqueName('saeq_test');
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: url.toString(), dataDir: '/nonexistent', poolMax: 5 });
  await handle.migrate();
  return {
    url: url.toString(),
    name,
    handle,
    drop: async () => {
      await handle.close().catch(() => {});
      const c = new pg.Client({ connectionString: testPostgresUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Deletes every Redis key under a BullMQ prefix. */
export async function deleteQueuePrefix(prefix: string): Promise<void> {
  const redis = new Redis(testRedisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false>,
  opts: { timeoutMs: number; intervalMs?: number; what?: string },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
  }
  throw new Error(
    `timed out after ${opts.timeoutMs} ms waiting for ${opts.what ?? 'condition'}${last ? ` (last error: ${String(last)})` : ''}`,
  );
}
