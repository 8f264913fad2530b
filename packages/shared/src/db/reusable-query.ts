import type { Db } from './client.ts';

/**
 * A query built once per database handle and reused with new parameters (drizzle's `.prepare()`):
 * hot read paths skip drizzle's query building, which costs more CPU than the query itself
 * (`bench/get-plan.ts`). The statement is left unnamed on purpose: a named server-side statement
 * would collide when several clients share one session (`pnpm start` serves its embedded PGlite
 * to every process over one socket; PgBouncer in transaction mode does the same), so Postgres
 * still parses it on each execution — cheap next to the building we skip.
 */
export function reusableQuery<Q>(build: (db: Db) => { prepare(name: string): Q }): (db: Db) => Q {
  const perDb = new WeakMap<Db, Q>();
  return (db) => {
    let prepared = perDb.get(db);
    if (!prepared) {
      prepared = build(db).prepare('');
      perDb.set(db, prepared);
    }
    return prepared;
  };
}
