import cluster from 'node:cluster';
import { Server as HttpServer } from 'node:http';
import { serve } from '@hono/node-server';
import { seedKnowledgeBase } from '@saeq/knowledge/store';
import { ensureBootstrapKey } from '@saeq/shared/auth';
import { checkConnectionBudget } from '@saeq/shared/db';
import type { Logger } from '@saeq/shared/logger';
import { createApp } from './app.ts';
import { buildGatewayDeps } from './build-deps.ts';
import { answerPeerMetricsRequests } from './cluster-metrics.ts';
import type { GatewayEnv } from './env.ts';
import { scheduleHousekeeping } from './housekeeping.ts';
import { startGatewayMetricsServer } from './metrics-server.ts';
import { gracefulShutdown } from './middleware/drain.ts';

/** Once drained, closing Redis and Postgres clients must not hold the exit. */
const CLOSE_DEPS_CAP_MS = 3_000;

/**
 * One gateway process: the API on PORT, metrics on METRICS_PORT, graceful drain on SIGTERM. In
 * a cluster (cluster.ts) the primary has already migrated and made the bootstrap key, and only
 * the first process serves metrics: the sum of every process's (cluster-metrics.ts). `flushTraces`
 * sends the spans still buffered before the exit.
 */
export async function serveGateway(
  env: GatewayEnv,
  logger: Logger<'http'>,
  flushTraces: () => Promise<void> = async () => {},
): Promise<void> {
  const inCluster = cluster.isWorker;
  const deps = await buildGatewayDeps(env, logger);
  if (!inCluster) {
    await deps.db.migrate();
    // The knowledge base is copied into Postgres when its content changed (hash); done at boot so
    // the first search does not pay for it. Searches seed on their own too (agent workers, tests).
    if (await seedKnowledgeBase(deps.db.db)) logger.info('knowledge base seeded');
    if (env.BOOTSTRAP_API_KEY) await ensureBootstrapKey(deps.db.db, env.BOOTSTRAP_API_KEY, env.BOOTSTRAP_ORG);
    // A cluster's primary checks for all its processes (cluster.ts).
    await checkConnectionBudget(deps.db, { poolMax: env.DATABASE_POOL_MAX, processes: 1 }, logger);
  }

  const app = createApp(deps);
  const stopHousekeeping = scheduleHousekeeping(deps);
  const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
    logger.info({ host: env.HOST, port: info.port, pid: process.pid }, 'gateway listening');
  });
  // Slow clients must not hold sockets forever (slowloris): bound headers, whole requests, idle keep-alive.
  if ('headersTimeout' in server) {
    server.headersTimeout = env.HTTP_HEADERS_TIMEOUT_MS;
    server.requestTimeout = env.HTTP_REQUEST_TIMEOUT_MS;
    server.keepAliveTimeout = env.HTTP_KEEP_ALIVE_TIMEOUT_MS;
  }

  // Every process of a cluster hands its registry to process 0's scrape, through the primary.
  if (inCluster) answerPeerMetricsRequests(deps.metrics.registry);
  const servesMetrics = env.METRICS_PORT !== undefined && (!inCluster || env.GATEWAY_PROCESS_INDEX === 0);
  const metricsServer =
    env.METRICS_PORT === undefined || !servesMetrics
      ? null
      : await startGatewayMetricsServer(deps, {
          port: env.METRICS_PORT,
          host: env.METRICS_HOST,
          clusterProcesses: inCluster ? env.GATEWAY_PROCESSES : undefined,
        });
  if (metricsServer) {
    const address = metricsServer.address();
    const metricsPort = typeof address === 'object' && address ? address.port : env.METRICS_PORT;
    logger.info({ host: env.METRICS_HOST, metricsPort }, 'gateway metrics listening');
  }

  // serve() without a createServer option makes a plain HTTP/1.1 server; draining needs its API.
  if (!(server instanceof HttpServer)) throw new Error('gateway: expected a node:http server');
  const lifecycle = gracefulShutdown(server, deps.drain);

  let stopping = false;
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    stopHousekeeping();
    logger.info(
      { signal, inFlight: lifecycle.inFlight() },
      'gateway draining: readiness off, refusing new requests after the grace',
    );
    // DRAIN_GRACE_MS: requests sent just before the signal may not have been read yet by a busy
    // process, and a load balancer needs a moment to see readiness fail (env.ts).
    const result = await lifecycle.drainServer({
      graceMs: env.DRAIN_GRACE_MS,
      hardCapMs: env.DRAIN_TIMEOUT_MS,
    });
    if (result.forced)
      logger.warn(result, 'gateway drain hit its hard cap: requests still in flight were cut');
    else logger.info(result, 'gateway drained');
    metricsServer?.close();
    // Nothing is in flight any more; do not let a hung Redis or Postgres hold the exit.
    await Promise.race([
      deps.close().then(flushTraces),
      new Promise<void>((resolve) => setTimeout(resolve, CLOSE_DEPS_CAP_MS).unref()),
    ]);
    logger.info('gateway stopped');
    process.exit(0);
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
