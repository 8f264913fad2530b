import type { Server } from 'node:http';
import { startHealthServer } from '@saeq/shared/worker-runtime';
import type { GatewayDeps } from './deps.ts';
import { dependenciesReady, gatewayMetrics } from './routes/operations.ts';

/**
 * The gateway's Prometheus `/metrics` (with `/health` and `/health/ready`) on a port of its own,
 * as every worker has: the clients' port (PORT, behind nginx or an Ingress) never exposes the
 * deployment's internals, and Prometheus needs no key. In a cluster (`clusterProcesses`), process 0
 * serves it with the sum of every process's metrics (cluster-metrics.ts).
 */
export function startGatewayMetricsServer(
  deps: Pick<GatewayDeps, 'metrics' | 'queues' | 'redis' | 'db'>,
  opts: { port: number; host: string; clusterProcesses?: number | undefined },
): Promise<Server> {
  return startHealthServer({
    port: opts.port,
    host: opts.host,
    metrics: () => gatewayMetrics(deps, opts.clusterProcesses),
    ready: () => dependenciesReady(deps),
  });
}
