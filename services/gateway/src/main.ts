import cluster from 'node:cluster';
import { createServiceLogger } from '@saeq/shared/logger';
import { startTracing } from '@saeq/shared/telemetry';
import { loadGatewayEnv } from './env.ts';

const env = loadGatewayEnv();
// Before the app is imported, so that pg and ioredis are instrumented as they load. A cluster's
// primary serves nothing and is not traced.
const serving = !(cluster.isPrimary && env.GATEWAY_PROCESSES > 1);
const tracing = serving ? await startTracing('gateway', env) : null;
const serviceLogger = createServiceLogger('gateway', env);
// In a cluster each process's lines say which process wrote them.
const logger = cluster.isWorker
  ? serviceLogger.child({ process: env.GATEWAY_PROCESS_INDEX ?? 0, pid: process.pid })
  : serviceLogger;

// Imported on demand: a cluster's primary serves nothing, so it does not load the app (Hono, the
// routes, BullMQ, Bull Board): it starts sooner and stays small.
if (!tracing) {
  const { runGatewayCluster } = await import('./cluster.ts');
  await runGatewayCluster(env, logger);
} else {
  const { serveGateway } = await import('./serve.ts');
  await serveGateway(env, logger, tracing.shutdown);
}
