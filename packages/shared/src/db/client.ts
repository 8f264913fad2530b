import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
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

/**
 * The file in which `pnpm start` publishes the address of the embedded database it serves (a
 * Postgres-protocol socket), for as long as it serves it.
 */
export function embeddedDatabaseUrlFile(dataDir: string): string {
  return join(dataDir, 'embedded-database.url');
}

/**
 * The address `pnpm start` publishes for DATA_DIR's embedded database, when it answers. PGlite is
 * one process's database: a second process opening the same files would corrupt them, so a
 * process started on its own beside `pnpm start` (scale-out) joins it through the socket.
 */
export async function servedEmbeddedDatabase(dataDir: string): Promise<string | undefined> {
  let url: string;
  try {
    url = readFileSync(embeddedDatabaseUrlFile(dataDir), 'utf8').trim();
  } catch {
    return undefined;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return url;
  } catch {
    return undefined; // left behind by a `pnpm start` that did not stop cleanly
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Opens the database: `pg` when a URL is given, embedded PGlite otherwise (same schema, same
 * migrations) — through the socket of the `pnpm start` that already serves DATA_DIR's, if any.
 */
export async function createDb(opts: CreateDbOptions): Promise<DbHandle> {
  if (!opts.databaseUrl) {
    const served = await servedEmbeddedDatabase(opts.dataDir);
    if (served) return createDb({ ...opts, databaseUrl: served });
  }
  if (opts.databaseUrl) {
    const pool = new ReleasingPool({
      connectionString: opts.databaseUrl,
      max: opts.poolMax ?? 10,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
    });
    // A client losing its connection must not crash the process; the next query reconnects.
    // pg-pool forwards an idle client's 'error' to the pool, but listens to none while a client is
    // checked out (e.g. inside a transaction): a server-side termination then (57P01 on shutdown,
    // pg_terminate_backend) emits 'error' with no listener, which kills the process. So every
    // client gets its own listener, which logs; the pool's is only there so the pool never throws
    // (it would log the same idle-client error twice). The query in flight fails on its own, and
    // the broken client is discarded on release (it is no longer queryable).
    pool.on('connect', (client) => {
      client.on('error', (err) => opts.onPoolError?.(err));
    });
    pool.on('error', () => {});
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
  // Loaded only when embedded: PGlite (its WebAssembly Postgres) costs tens of MB in every
  // process that imports it, and with DATABASE_URL set no process needs it.
  const [
    { PGlite: EmbeddedPostgres },
    { drizzle: drizzlePglite },
    { migrate: migratePglite },
    { pg_trgm },
    { unaccent },
  ] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/unaccent'),
  ]);
  const dir = join(opts.dataDir, 'pgdata');
  mkdirSync(dirname(dir), { recursive: true });
  // The knowledge search's extensions (migration 0006) must be loaded into the instance itself.
  const client = await EmbeddedPostgres.create(dir, { extensions: { pg_trgm, unaccent } });
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

type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/**
 * A pg.Pool whose `connect()` (the promise form: transactions, migrations) hands out a client
 * that goes back to the pool, discarded, when its first query fails. drizzle-orm 0.45's
 * `transaction()` sends BEGIN before its try/finally (drizzle-orm issues #6023, #6241): a
 * connection cut during BEGIN would stay checked out for good, and after `poolMax` of them every
 * query waits for the connect timeout, so the database looks down for ever (a worker would stay
 * paused). `release()` becomes idempotent, since the caller may still call it. `pool.query()`
 * (callback form inside pg-pool) is left as it is: it releases on its own.
 */
class ReleasingPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | undefined {
    if (callback) {
      super.connect(callback);
      return undefined;
    }
    return super.connect().then(releaseIfFirstQueryFails);
  }
}

function releaseIfFirstQueryFails(client: pg.PoolClient): pg.PoolClient {
  let first = true;
  let released = false;
  const release = (err?: Error | boolean) => {
    if (released) return;
    released = true;
    client.release(err);
  };
  const query = (...args: unknown[]) => {
    const result = (client.query as (...a: unknown[]) => unknown)(...args);
    if (first) {
      first = false;
      if (result instanceof Promise) {
        // A derived promise: the caller still gets (and handles) the rejection itself.
        result.catch((err: unknown) => release(err instanceof Error ? err : true));
      }
    }
    return result;
  };
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'release') return release;
      if (prop === 'query') return query;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
