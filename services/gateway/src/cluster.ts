import cluster, { type Worker } from 'node:cluster';
import { seedKnowledgeBase } from '@saeq/knowledge/store';
import { ensureBootstrapKey } from '@saeq/shared/auth';
import { checkConnectionBudget, openDatabase } from '@saeq/shared/db';
import type { Logger } from '@saeq/shared/logger';
import { relayClusterMetrics } from './cluster-metrics.ts';
import type { GatewayEnv } from './env.ts';

/** A process that died on its own is forked again after this (doubling up to the cap). */
const RESPAWN_DELAY_MS = 500;
const RESPAWN_DELAY_CAP_MS = 10_000;

/**
 * `GATEWAY_PROCESSES` > 1: this (primary) process prepares the database once — migrations, the
 * bootstrap key — then forks that many gateway processes, which share `PORT` through node:cluster
 * (the primary accepts connections and hands them out in turn). It serves nothing itself.
 *
 * The first process (`GATEWAY_PROCESS_INDEX` 0) alone serves `METRICS_PORT`; each scrape sums the
 * metrics of every process, which this primary relays to it (cluster-metrics.ts), so request
 * histograms count the whole host's traffic and the queue gauges are sampled once. A process that dies is forked again;
 * SIGTERM/SIGINT are passed on, and the primary exits once every process has drained.
 */
export async function runGatewayCluster(env: GatewayEnv, logger: Logger<'http'>): Promise<void> {
  const db = await openDatabase(env, logger);
  try {
    // PGlite is one process's database: N processes need a real Postgres (or pnpm start's
    // embedded one, which it serves over a socket and which openDatabase joins).
    if (db.driver !== 'pg')
      throw new Error(
        `GATEWAY_PROCESSES=${env.GATEWAY_PROCESSES} needs DATABASE_URL (or a running pnpm start's embedded database): an embedded PGlite belongs to one process`,
      );
    await db.migrate();
    if (await seedKnowledgeBase(db.db)) logger.info('knowledge base seeded');
    if (env.BOOTSTRAP_API_KEY) await ensureBootstrapKey(db.db, env.BOOTSTRAP_API_KEY, env.BOOTSTRAP_ORG);
    // Each of the processes about to be forked opens its own pool.
    await checkConnectionBudget(
      db,
      { poolMax: env.DATABASE_POOL_MAX, processes: env.GATEWAY_PROCESSES },
      logger,
    );
  } finally {
    await db.close().catch(() => {});
  }

  let stopping = false;
  const byIndex = new Map<number, Worker>();
  const delays = new Map<number, number>();
  const fork = (index: number) => {
    const worker = cluster.fork({ GATEWAY_PROCESS_INDEX: String(index) });
    byIndex.set(index, worker);
    worker.once('listening', () => delays.delete(index));
    worker.once('exit', (code, signal) => {
      byIndex.delete(index);
      if (stopping) {
        if (byIndex.size === 0) {
          logger.info('gateway processes stopped');
          process.exit(0);
        }
        return;
      }
      const delay = delays.get(index) ?? RESPAWN_DELAY_MS;
      delays.set(index, Math.min(delay * 2, RESPAWN_DELAY_CAP_MS));
      logger.error({ index, code, signal, respawnInMs: delay }, 'gateway process died; forking it again');
      setTimeout(() => {
        if (!stopping) fork(index);
      }, delay).unref();
    });
  };
  relayClusterMetrics(() => byIndex.values());
  for (let index = 0; index < env.GATEWAY_PROCESSES; index++) fork(index);
  logger.info({ processes: env.GATEWAY_PROCESSES, port: env.PORT }, 'gateway cluster started');

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'gateway cluster stopping: each process drains');
    if (byIndex.size === 0) process.exit(0);
    for (const worker of byIndex.values()) worker.process.kill(signal);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
