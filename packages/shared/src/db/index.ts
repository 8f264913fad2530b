export {
  type CreateDbOptions,
  createDb,
  type Db,
  type DbHandle,
  type DbSchema,
  embeddedDatabaseUrlFile,
  migrationsFolder,
  servedEmbeddedDatabase,
} from './client.ts';
export {
  assessConnectionBudget,
  CONNECTION_BUDGET_WARN_SHARE,
  type ConnectionBudget,
  checkConnectionBudget,
  describeConnectionBudget,
  readServerConnections,
  type ServerConnections,
} from './connection-budget.ts';
export { isDatabaseUnavailable } from './errors.ts';
export { type MigrateRetryOptions, migrateWithRetry } from './migrate-retry.ts';
export { openDatabase, openMigratedDatabase } from './open.ts';
export { reusableQuery } from './reusable-query.ts';
export * from './schema/index.ts';
