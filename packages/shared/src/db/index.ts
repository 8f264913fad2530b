export {
  type CreateDbOptions,
  createDb,
  type Db,
  type DbHandle,
  type DbSchema,
  migrationsFolder,
} from './client.ts';
export * from './schema/index.ts';
