import { statfs } from 'node:fs/promises';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { createRoute, z } from '@hono/zod-openapi';
import { assessConnectionBudget, type ConnectionBudget, readServerConnections } from '@saeq/shared/db';
import { sampleQueueMetrics } from '@saeq/shared/worker-runtime';
import { Hono } from 'hono';
import { clusterMetricsText } from '../cluster-metrics.ts';
import type { GatewayDeps, GatewayEnvBindings } from '../deps.ts';
import { requireAuth, requireScope } from '../middleware/auth.ts';
import { requireSameOrigin } from '../middleware/same-origin.ts';
import { jsonResponse, problems, requires, router } from '../openapi/route-kit.ts';
import * as S from '../openapi/schemas.ts';

const DetailedHealth = z.record(z.string(), z.unknown());

const health = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Liveness',
  tags: ['operations'],
  ...requires(null),
  responses: { 200: jsonResponse('Alive', S.Health) },
});

const ready = createRoute({
  method: 'get',
  path: '/health/ready',
  summary: 'Readiness: Redis and Postgres answer',
  tags: ['operations'],
  ...requires(null),
  responses: {
    200: jsonResponse('Ready', S.Ready),
    503: jsonResponse('A dependency is down, or the gateway is draining', S.Ready),
  },
});

const detailed = (deps: GatewayDeps) =>
  createRoute({
    method: 'get',
    path: '/health/detailed',
    summary:
      'Dependencies with latency, queues, workers, version, uptime, memory (operator key: the whole deployment)',
    tags: ['operations'],
    // The whole deployment (every queue, every worker): the operator's view, not an organisation's.
    ...requires('operator'),
    middleware: [requireAuth(deps), requireScope('operator')] as const,
    responses: {
      200: jsonResponse('Detailed health', DetailedHealth),
      401: problems[401],
      403: problems[403],
      503: jsonResponse('Degraded: a dependency is down', DetailedHealth),
    },
  });

/**
 * Liveness and readiness: no authentication, exempt from rate limits. Prometheus metrics are not
 * here: they are served on METRICS_PORT (metrics-server.ts), never on the clients' port.
 */
export function healthRoutes(deps: GatewayDeps) {
  const app = router();
  app.openapi(health, (c) => c.json({ status: 'ok' as const }, 200));
  app.openapi(ready, async (c) => {
    // A draining gateway must leave the load balancer's rotation before it refuses requests.
    if (deps.drain.draining) {
      c.header('Retry-After', '2');
      return c.json({ status: 'draining' as const }, 503);
    }
    const { ok, checks } = await dependenciesReady(deps);
    if (!ok) c.header('Retry-After', '5');
    return c.json({ status: ok ? 'ok' : 'unavailable', checks }, ok ? 200 : 503);
  });
  app.openapi(detailed(deps), async (c) => {
    const [redis, postgres, storage] = await Promise.all([
      timed(() => deps.redis.ping().then(() => undefined)),
      timed(() => deps.db.ping()),
      timed(() => deps.store.checkWritable()),
    ]);
    const queues = await Promise.all(
      Object.values(deps.queues).map(async (q) => {
        try {
          // Bounded: with Redis down, BullMQ calls would otherwise wait for a connection.
          return await withTimeout(2000, async () => {
            const counts = await q.getJobCounts(
              'waiting',
              'active',
              'delayed',
              'failed',
              'completed',
              'prioritized',
            );
            return { name: q.name, counts, workers: await q.getWorkersCount(), paused: await q.isPaused() };
          });
        } catch (err) {
          return { name: q.name, error: err instanceof Error ? err.message : String(err) };
        }
      }),
    );
    let disk: { freeBytes: number; totalBytes: number } | { error: string };
    try {
      const s = await statfs(deps.env.DATA_DIR);
      disk = { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
    } catch (err) {
      disk = { error: err instanceof Error ? err.message : String(err) };
    }
    const memory = process.memoryUsage();
    const ok = redis.ok && postgres.ok && storage.ok;
    const connections = postgres.ok ? await connectionBudgetOf(deps) : null;
    return c.json(
      {
        status: ok ? 'ok' : 'degraded',
        version: deps.env.SERVICE_VERSION,
        uptimeSeconds: Math.round(process.uptime()),
        memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
        dependencies: {
          redis,
          postgres: connections ? { ...postgres, connections } : postgres,
          storage: { ...storage, ...disk },
        },
        queues,
        anthropicConfigured: deps.env.ANTHROPIC_API_KEY !== undefined,
      },
      ok ? 200 : 503,
    );
  });
  return app;
}

/**
 * Postgres' connection slots against this gateway's pools (DATABASE_POOL_MAX × GATEWAY_PROCESSES)
 * and the connections open now; `status` near/over says the budget is running out
 * (docs/scaling.md). Absent on the embedded database, or when the read fails or takes over 2 s.
 */
async function connectionBudgetOf(deps: Pick<GatewayDeps, 'db' | 'env'>): Promise<ConnectionBudget | null> {
  try {
    const server = await withTimeout(2000, () => readServerConnections(deps.db));
    return server
      ? assessConnectionBudget(server, {
          poolMax: deps.env.DATABASE_POOL_MAX,
          processes: deps.env.GATEWAY_PROCESSES,
        })
      : null;
  } catch {
    return null;
  }
}

/** Redis and Postgres answer (each bounded to 2 s). */
export async function dependenciesReady(deps: Pick<GatewayDeps, 'redis' | 'db'>) {
  const [redis, postgres] = await Promise.all([
    timed(() => deps.redis.ping().then(() => undefined)),
    timed(() => deps.db.ping()),
  ]);
  return { ok: redis.ok && postgres.ok, checks: { redis, postgres } };
}

/** The Prometheus exposition text, queue gauges sampled at scrape time (by one process of a cluster). */
export async function gatewayMetrics(
  deps: Pick<GatewayDeps, 'metrics' | 'queues'>,
  /** In a cluster (`GATEWAY_PROCESSES` > 1): its size; the scrape then sums every process (cluster-metrics.ts). */
  clusterProcesses?: number,
): Promise<{ text: string; contentType: string }> {
  await sampleQueueMetrics(deps.metrics, Object.values(deps.queues)).catch(() => {});
  if (clusterProcesses !== undefined) return clusterMetricsText(deps.metrics.registry, clusterProcesses);
  return { text: await deps.metrics.registry.metrics(), contentType: deps.metrics.registry.contentType };
}

function withTimeout<T>(ms: number, work: () => Promise<T>): Promise<T> {
  return Promise.race([
    work(),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms).unref(),
    ),
  ]);
}

async function timed(
  check: () => Promise<void>,
): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout after 2000 ms')), 2000).unref()),
    ]);
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (err) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

/**
 * Bull Board at /admin/queues for operator keys (Bearer, or Basic with the key as password for
 * browsers). It shows and acts on every organisation's jobs, so an organisation's admin key is not
 * enough.
 */
export function bullBoardRoutes(deps: GatewayDeps, basePath: string) {
  const serverAdapter = new HonoAdapter(serveStatic);
  createBullBoard({
    queues: Object.values(deps.queues).map((q) => new BullMQAdapter(q)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'SAEQ — files d’attente' } },
  });
  serverAdapter.setBasePath(basePath);
  const app = new Hono<GatewayEnvBindings>();
  // Checked first: a forged request from another site costs no key lookup.
  app.use(
    '*',
    requireSameOrigin(deps.env.PUBLIC_URL),
    requireAuth(deps, { basicRealm: 'saeq-operator' }),
    requireScope('operator'),
  );
  // Bull Board's page boots with inline script and styles: relax the CSP for it alone (operators only).
  app.use('*', async (c, next) => {
    await next();
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
    );
  });
  app.route('/', serverAdapter.registerPlugin());
  return app;
}
