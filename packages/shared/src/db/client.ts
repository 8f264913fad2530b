import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema/index.ts';

export type DbSchema = typeof schema;
/** The drizzle client every service uses, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, DbSchema>;

export type DbHandle = {
  db: Db;
  driver: 'pg' | 'pglite';
  /** Round trip to the database (readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Applies pending migrations (serialised across processes on Postgres). */
  migrate(): Promise<void>;
  /** The embedded PGlite instance, when that is the driver (pnpm start shares it over a socket). */
  pglite?: PGlite;
};

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export type CreateDbOptions = {
  /** Postgres URL; when absent the embedded PGlite under `dataDir` is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
  poolMax?: number;
  onPoolError?: (err: Error) => void;
};

/** Opens the database: `pg` when a URL is given, embedded PGlite otherwise (same schema, same migrations). */
export async function createDb(opts: CreateDbOptions): Promise<DbHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolMax ?? 10,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', (err) => opts.onPoolError?.(err));
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return {
      db,
      driver: 'pg',
      ping: async () => {
        await pool.query('select 1');
      },
      migrate: async () => {
        // The advisory lock lives on one connection: lock, migrate and unlock on the same client.
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
          try {
            await migrateNodePg(drizzleNodePg(client), { migrationsFolder });
          } finally {
            await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
          }
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  const dir = join(opts.dataDir, 'pgdata');
  mkdirSync(dirname(dir), { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    pglite: client,
    ping: async () => {
      await client.query('select 1');
    },
    migrate: async () => {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    close: () => client.close(),
  };
}

const MIGRATION_LOCK_KEY = 73_517_001; // arbitrary constant shared by every SAEQ process
