import { sql } from 'drizzle-orm';
import type { Logger } from '../logger/index.ts';
import type { DbHandle } from './client.ts';

/** What the Postgres server allows and what is connected to it now. */
export type ServerConnections = {
  /** `max_connections` (100 by default). */
  maxConnections: number;
  /** Slots kept for superusers (`superuser_reserved_connections`, and Postgres 16's `reserved_connections`). */
  reservedConnections: number;
  /** Client connections open now, every application and host counted (pg_stat_activity). */
  openConnections: number;
};

/**
 * Share of the usable slots past which the budget is reported as near its end: a rolling deploy
 * (maxSurge 1) or a burst that fills every pool then finds no slot left, and new connections
 * fail with "sorry, too many clients already" (53300).
 */
export const CONNECTION_BUDGET_WARN_SHARE = 0.8;

export type ConnectionBudget = ServerConnections & {
  /** max_connections − reserved: what SAEQ's pools and everything else share. */
  usableConnections: number;
  /** DATABASE_POOL_MAX of this service. */
  poolMax: number;
  /** Processes of this service on this host, each with a pool of `poolMax`. */
  processes: number;
  /** poolMax × processes: what this host's pools may open at most. */
  hostPoolConnections: number;
  /** `ok`; `near`: this host's pools or the open connections reach the warning share; `over`: past the usable slots. */
  status: 'ok' | 'near' | 'over';
};

/**
 * Compares this host's pools (`poolMax` × `processes`) and the connections open now with the
 * slots the server allows. Replicas on other hosts are not knowable from here: their pools count
 * only once they have opened connections (`openConnections`), hence the warning share.
 */
export function assessConnectionBudget(
  server: ServerConnections,
  pools: { poolMax: number; processes: number },
): ConnectionBudget {
  const usableConnections = Math.max(0, server.maxConnections - server.reservedConnections);
  const hostPoolConnections = pools.poolMax * pools.processes;
  const demand = Math.max(hostPoolConnections, server.openConnections);
  const status =
    demand > usableConnections
      ? 'over'
      : demand >= usableConnections * CONNECTION_BUDGET_WARN_SHARE
        ? 'near'
        : 'ok';
  return { ...server, usableConnections, ...pools, hostPoolConnections, status };
}

/** A sentence for the operator's log: what is short and what to do. */
export function describeConnectionBudget(budget: ConnectionBudget): string {
  const limit = `${budget.usableConnections} usable Postgres connections (max_connections ${budget.maxConnections} − ${budget.reservedConnections} reserved)`;
  const pools = `DATABASE_POOL_MAX ${budget.poolMax} × ${budget.processes} process(es) here = ${budget.hostPoolConnections}`;
  const open = `${budget.openConnections} open now`;
  return `${pools}, ${open}, of ${limit}: lower DATABASE_POOL_MAX, raise max_connections or put PgBouncer in front (docs/scaling.md, "Postgres connections")`;
}

/** Reads the server's limits and its open client connections; null on the embedded database (one process, no pool). */
export async function readServerConnections(handle: DbHandle): Promise<ServerConnections | null> {
  if (handle.driver !== 'pg') return null;
  const result = await handle.db.execute(sql`
    select current_setting('max_connections')::int as max_connections,
           current_setting('superuser_reserved_connections')::int
             + coalesce(nullif(current_setting('reserved_connections', true), '')::int, 0) as reserved_connections,
           (select count(*)::int from pg_stat_activity where backend_type = 'client backend') as open_connections
  `);
  const row = (result as unknown as { rows: Record<string, unknown>[] }).rows[0];
  if (!row) return null;
  return {
    maxConnections: Number(row.max_connections),
    reservedConnections: Number(row.reserved_connections),
    openConnections: Number(row.open_connections),
  };
}

/**
 * At start-up: logs a warning when this host's pools or the open connections approach what the
 * server allows, at debug otherwise. Never fails the start (a failed read is logged and ignored).
 */
export async function checkConnectionBudget(
  handle: DbHandle,
  pools: { poolMax: number; processes: number },
  logger: Logger<'http'>,
): Promise<ConnectionBudget | null> {
  let server: ServerConnections | null;
  try {
    server = await readServerConnections(handle);
  } catch (err) {
    logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not read max_connections');
    return null;
  }
  if (!server) return null;
  const budget = assessConnectionBudget(server, pools);
  if (budget.status === 'ok') logger.debug({ connections: budget }, 'postgres connection budget');
  else
    logger.warn(
      { connections: budget },
      `postgres connection budget ${budget.status}: ${describeConnectionBudget(budget)}`,
    );
  return budget;
}
