/**
 * `pnpm migrate`: applies pending database migrations and exits (Kubernetes migration Job,
 * deploy scripts). Services also migrate at start under an advisory lock, so this is optional.
 * Uses DATABASE_URL (embedded PGlite under DATA_DIR when unset).
 */
import { createDb } from '@saeq/shared/db';
import { BaseEnv, parseEnv } from '@saeq/shared/env';

const env = parseEnv(BaseEnv, process.env);
const db = await createDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  await db.migrate();
  process.stdout.write(`migrations applied (${db.driver})\n`);
} finally {
  await db.close();
}
