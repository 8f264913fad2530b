import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { DelayedError, type Job, type Processor, Queue, Worker, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DbHandle } from '../db/client.ts';
import type { Logger } from '../logger/index.ts';
import type { Metrics } from '../metrics/index.ts';
import type { QueueDefinition } from '../queues/queue-definition.ts';
import { createRedis } from '../redis/index.ts';
import { startHealthServer } from './health-server.ts';
import { sampleQueueMetrics } from './queue-metrics.ts';

export type JobContext = {
  log: Logger<'http'>;
  job: Job;
  /** The job's lock token (BullMQ's processor argument), needed by `job.moveToDelayed`. */
  token?: string | undefined;
};

export type ProcessorSpec = {
  def: QueueDefinition;
  process: (job: Job, ctx: JobContext) => Promise<unknown>;
  concurrency: number;
  limiter?: WorkerOptions['limiter'];
};

export type WorkerServiceOptions = {
  service: string;
  redisUrl: string;
  prefix: string;
  db: DbHandle;
  logger: Logger<'http'>;
  metrics: Metrics;
  processors: ProcessorSpec[];
  metricsPort: number;
  metricsHost: string;
  /** How long a job lock lasts before another worker may take a stalled job (BullMQ default 30 s). */
  lockDurationMs: number;
  /** Grace period for running jobs on shutdown. */
  shutdownTimeoutMs: number;
  onClose?: () => Promise<void>;
};

export type WorkerService = {
  workers: Worker[];
  port: number;
  /** Stops taking jobs, lets running ones finish (bounded), closes connections. */
  close(): Promise<void>;
};

/**
 * Runs BullMQ workers for the given queues with metrics, health and graceful shutdown. Each
 * service's `main.ts` calls this; scaling out is starting more processes.
 */
export async function startWorkerService(opts: WorkerServiceOptions): Promise<WorkerService> {
  const { logger, metrics } = opts;
  const connections: Redis[] = [];
  const workers: Worker[] = [];
  for (const spec of opts.processors) {
    const connection = createRedis(opts.redisUrl, 'worker');
    connection.on('error', (err) =>
      logger.warn({ err: err.message, queue: spec.def.name }, 'redis connection error'),
    );
    connections.push(connection);
    const processor: Processor = async (job, token) => {
      const log = logger.child({
        queue: spec.def.name,
        jobId: job.id,
        requestId: job.data?.requestId,
        attempt: job.attemptsMade + 1,
      });
      const end = metrics.jobDuration.startTimer({ queue: spec.def.name });
      log.info('job started');
      try {
        const result = await spec.process(job, { log, job, token });
        end({ status: 'completed' });
        log.info('job completed');
        return result;
      } catch (err) {
        // A processor that moved its job to the delayed set (e.g. honouring a provider's
        // retry-after) throws DelayedError: not a failure.
        if (err instanceof DelayedError) {
          end({ status: 'delayed' });
          log.info('job delayed');
          throw err;
        }
        end({ status: 'failed' });
        const code = err && typeof err === 'object' && 'code' in err ? String(err.code) : 'internal';
        metrics.errors.inc({ type: code });
        log.warn({ err: err instanceof Error ? err.message : String(err), code }, 'job failed');
        throw err;
      }
    };
    const worker = new Worker(spec.def.name, processor, {
      connection,
      prefix: opts.prefix,
      // Recorded on each job as processedBy: shows which replica ran it (Bull Board, tests).
      name: `${opts.service}@${hostname()}:${process.pid}`,
      concurrency: spec.concurrency,
      lockDuration: opts.lockDurationMs,
      stalledInterval: Math.max(1000, Math.floor(opts.lockDurationMs / 2)),
      maxStalledCount: 2,
      ...(spec.limiter ? { limiter: spec.limiter } : {}),
    });
    worker.on('error', (err) => logger.error({ err: err.message, queue: spec.def.name }, 'worker error'));
    workers.push(worker);
  }

  // A producer-side connection for scrape-time queue gauges.
  const statsConnection = createRedis(opts.redisUrl, 'producer');
  statsConnection.on('error', () => {});
  const statsQueues = opts.processors.map(
    (p) => new Queue(p.def.name, { connection: statsConnection, prefix: opts.prefix }),
  );

  const server: Server = await startHealthServer({
    port: opts.metricsPort,
    host: opts.metricsHost,
    metrics: async () => {
      await sampleQueueMetrics(metrics, statsQueues).catch(() => {});
      return { text: await metrics.registry.metrics(), contentType: metrics.registry.contentType };
    },
    ready: async () => {
      const checks: Record<string, unknown> = {};
      let ok = true;
      try {
        await opts.db.ping();
        checks.postgres = 'up';
      } catch (err) {
        ok = false;
        checks.postgres = `down: ${err instanceof Error ? err.message : String(err)}`;
      }
      const redisReady = connections.every((c) => c.status === 'ready');
      checks.redis = redisReady ? 'up' : 'down';
      ok &&= redisReady;
      const running = workers.every((w) => w.isRunning());
      checks.workers = workers.map((w) => ({ queue: w.name, running: w.isRunning(), paused: w.isPaused() }));
      ok &&= running;
      return { ok, checks };
    },
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.metricsPort;
  logger.info({ queues: opts.processors.map((p) => p.def.name), metricsPort: port }, `${opts.service} ready`);

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      logger.info('shutting down: no new jobs, waiting for running ones');
      // worker.close() waits for running jobs with no timeout of its own: bound it.
      const graceful = Promise.all(workers.map((w) => w.close()));
      const timedOut = await Promise.race([
        graceful.then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), opts.shutdownTimeoutMs).unref()),
      ]);
      if (timedOut) {
        logger.warn(
          'running jobs did not finish in time; forcing close (their locks expire and another worker retries them)',
        );
        await Promise.all(workers.map((w) => w.close(true).catch(() => {})));
      }
      await Promise.all(statsQueues.map((q) => q.close().catch(() => {})));
      await new Promise<void>((r) => server.close(() => r()));
      await opts.onClose?.();
      await opts.db.close().catch(() => {});
      for (const c of [...connections, statsConnection]) c.disconnect();
      logger.info('shutdown complete');
    })();
    return closing;
  };
  return { workers, port, close };
}

/** Exits 0 after a graceful close on SIGTERM/SIGINT. */
export function closeOnSignals(service: WorkerService, logger: Logger<'http'>): void {
  const handler = (signal: string) => {
    logger.info({ signal }, 'signal received');
    service.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err: String(err) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
