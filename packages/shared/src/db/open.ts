import type { BaseEnv } from '../env/index.ts';
import type { Logger } from '../logger/index.ts';
import { createDb, type DbHandle } from './client.ts';
import { migrateWithRetry } from './migrate-retry.ts';

/** The database with a pool whose broken connections are logged, never fatal. */
export function openDatabase(env: BaseEnv, logger: Logger<'http'>): Promise<DbHandle> {
  return createDb({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    poolMax: env.DATABASE_POOL_MAX,
    onPoolError: (err) => logger.warn({ err: err.message }, 'postgres pool error'),
  });
}

/**
 * A worker's database, migrated. Postgres not up yet (or restarting) at boot: wait for it rather
 * than exit and be restarted in a loop.
 */
export async function openMigratedDatabase(env: BaseEnv, logger: Logger<'http'>): Promise<DbHandle> {
  const db = await openDatabase(env, logger);
  await migrateWithRetry(db, {
    onRetry: ({ attempt, delayMs, err }) =>
      logger.warn(
        { attempt, delayMs, err: String(err) },
        'postgres unreachable at boot; migrating again later',
      ),
  });
  return db;
}
