import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { DelayedError, type Job, type Processor, type Queue, Worker, type WorkerOptions } from 'bullmq';
import type { DbHandle } from '../db/client.ts';
import { isDatabaseUnavailable } from '../db/errors.ts';
import type { StageError } from '../db/schema/plans.ts';
import type { Logger } from '../logger/index.ts';
import type { Metrics } from '../metrics/index.ts';
import { openQueue } from '../queues/index.ts';
import type { QueueDefinition } from '../queues/queue-definition.ts';
import { createRedis, type RedisClient } from '../redis/index.ts';
import { queueTelemetry, setActiveSpanAttributes } from '../telemetry/index.ts';
import { DatabaseGate, databaseDown, databaseRetryDelayMs } from './database-gate.ts';
import { clearDeadLetter, recordDeadLetter } from './dead-letters.ts';
import { startHealthServer } from './health-server.ts';
import { JobTally } from './job-summary.ts';
import { sampleQueueMetrics } from './queue-metrics.ts';
import { type ReconcileSource, reconcileQueue, unrecordedFailureError } from './reconciler.ts';

export type JobContext = {
  log: Logger<'http'>;
  job: Job;
  /** The job's lock token (BullMQ's processor argument), needed by `job.moveToDelayed`. */
  token?: string | undefined;
  /** Tells long jobs that the process is shutting down, so they can hand themselves back. */
  shutdown?: ShutdownSignals;
};

/**
 * The two moments of a graceful shutdown a long job may act on: `draining` fires when the
 * process starts closing (finish the current unit of work, start no new one); `deadline` fires
 * `SHUTDOWN_HANDOVER_MARGIN_MS` before the grace runs out (stop now, save where you are and put
 * the job back), so the hand-over completes before the process is forced to close.
 */
export type ShutdownSignals = { draining: AbortSignal; deadline: AbortSignal };

/**
 * Time kept at the end of the shutdown grace for a job to save its checkpoint and move itself
 * back to the queue (a few Redis and Postgres writes): at most 5 s, at most half the grace.
 */
export function shutdownHandoverMarginMs(shutdownTimeoutMs: number): number {
  return Math.min(5000, Math.floor(shutdownTimeoutMs / 2));
}

const DEFAULT_SLOW_JOB_MS = 10_000;
const DEFAULT_JOB_SUMMARY_INTERVAL_MS = 60_000;

export type ProcessorSpec = {
  def: QueueDefinition;
  process: (job: Job, ctx: JobContext) => Promise<unknown>;
  concurrency: number;
  limiter?: WorkerOptions['limiter'];
  /**
   * Marks the job's record (stage, run, BOM) failed for good when BullMQ failed the job without
   * its processor running to record it (stalled more than `maxStalledCount`: the worker died on
   * every attempt), or when the reconciler finds such a job. Must be idempotent.
   */
  settleFailure?: (data: unknown, error: StageError) => Promise<void>;
  /** The queue's records in Postgres, for the reconciler (none → this queue is not reconciled). */
  reconcile?: ReconcileSource;
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
  /** How often to reconcile the queues' records with BullMQ (one replica per interval); 0 → never. */
  reconcileIntervalMs?: number;
  /** Records younger than this are left alone by the reconciler (default 30 s). */
  reconcileGraceMs?: number;
  /**
   * Periodic repairs besides the queues' records, run with the reconciliation (one replica per
   * interval each): e.g. queueing the webhooks of settled plans that have none, removing orphan
   * blobs. `run` gets the same grace cut-off as the reconciler and returns how much it repaired.
   */
  sweeps?: Sweep[];
  onClose?: () => Promise<void>;
  /** A job that runs at least this long is logged at info when it completes (default 10 s). */
  slowJobMs?: number;
  /** How often each queue's job summary is logged at info (default 60 s; only when jobs ran). */
  jobSummaryIntervalMs?: number;
};

export type Sweep = {
  name: string;
  run: (before: Date) => Promise<number>;
  /** At most one run per this long across replicas (default: every reconciliation). */
  intervalMs?: number;
};

export type WorkerService = {
  workers: Worker[];
  port: number;
  /** Runs one reconciliation pass now, whatever the lock (tests, operators). */
  reconcileNow(): Promise<Record<string, Awaited<ReturnType<typeof reconcileQueue>>>>;
  /** Stops taking jobs, lets running ones finish (bounded), closes connections. */
  close(): Promise<void>;
};

/**
 * Runs BullMQ workers for the given queues with metrics, health and graceful shutdown. Each
 * service's `main.ts` calls this; scaling out is starting more processes.
 */
export async function startWorkerService(opts: WorkerServiceOptions): Promise<WorkerService> {
  const { logger, metrics } = opts;
  const connections: RedisClient[] = [];
  const workers: Worker[] = [];
  const draining = new AbortController();
  const deadline = new AbortController();
  const shutdown: ShutdownSignals = { draining: draining.signal, deadline: deadline.signal };
  const gate = new DatabaseGate({ ping: () => opts.db.ping(), workers: () => workers, logger });
  const slowJobMs = opts.slowJobMs ?? DEFAULT_SLOW_JOB_MS;
  const tallies: { queue: string; tally: JobTally }[] = [];
  for (const spec of opts.processors) {
    const queue = spec.def.name;
    const tally = new JobTally(performance.now());
    tallies.push({ queue, tally });
    // Jobs whose processor ran in this process: a 'failed' event for any other job is a failure
    // BullMQ decided alone (stalled limit), which nothing has recorded yet.
    const seen = new WeakSet<Job>();
    const connection = createRedis(opts.redisUrl, 'worker');
    connection.on('error', (err) =>
      logger.warn({ err: err.message, queue: spec.def.name }, 'redis connection error'),
    );
    connections.push(connection);
    const processor: Processor = async (job, token) => {
      seen.add(job);
      // Per job, logging was most of the wrapper's cost against a bare Worker (docs/benchmarks.md,
      // issue 20): a job that completes in less than `slowJobMs` writes nothing at info (its
      // lines "job started" and "job completed" are at debug) and is counted in the queue's
      // periodic summary; failures (warn), delays and slow jobs are logged one by one. The child
      // logger is made only when something logs.
      let child: Logger<'http'> | undefined;
      const jobLog = () => {
        child ??= logger.child({
          queue,
          jobId: job.id,
          requestId: job.data?.requestId,
          attempt: job.attemptsMade + 1,
        });
        return child;
      };
      // BullMQ's process span (tracing on) is active here: it gets the request that caused the job.
      setActiveSpanAttributes({ 'saeq.request_id': job.data?.requestId });
      const debug = logger.isLevelEnabled('debug');
      if (debug) jobLog().debug('job started');
      const started = performance.now();
      try {
        const result = await spec.process(job, {
          job,
          token,
          shutdown,
          get log() {
            return jobLog();
          },
        });
        const ms = performance.now() - started;
        metrics.jobDuration.observe({ queue, status: 'completed' }, ms / 1000);
        tally.complete(ms);
        if (ms >= slowJobMs) jobLog().info({ ms: Math.round(ms) }, 'slow job completed');
        else if (debug) jobLog().debug({ ms: Math.round(ms * 10) / 10 }, 'job completed');
        return result;
      } catch (err) {
        const observeEnd = (status: 'delayed' | 'failed') =>
          metrics.jobDuration.observe({ queue, status }, (performance.now() - started) / 1000);
        // A processor that moved its job to the delayed set (e.g. honouring a provider's
        // retry-after) throws DelayedError: not a failure.
        if (err instanceof DelayedError) {
          observeEnd('delayed');
          tally.delay();
          jobLog().info('job delayed');
          throw err;
        }
        // Postgres unreachable is not the job's fault: put it back without spending an attempt
        // (BullMQ would otherwise fail it for good after a few seconds of outage), and stop
        // taking jobs until Postgres answers. A ping confirms it: the same socket errors
        // (ECONNREFUSED, ECONNRESET) also come from webhook targets and the model provider,
        // which must spend attempts as usual.
        const dbDown = gate.isDown
          ? isDatabaseUnavailable(err)
          : await databaseDown(err, () => opts.db.ping());
        if (token && dbDown) {
          gate.report(err);
          const delayMs = databaseRetryDelayMs(job);
          await job.moveToDelayed(Date.now() + delayMs, token);
          observeEnd('delayed');
          tally.delay();
          metrics.errors.inc({ type: 'database_unavailable' });
          jobLog().warn(
            { err: err instanceof Error ? err.message : String(err), delayMs },
            'postgres unreachable: job put back without spending an attempt',
          );
          throw new DelayedError();
        }
        observeEnd('failed');
        tally.fail();
        const code = err && typeof err === 'object' && 'code' in err ? String(err.code) : 'internal';
        metrics.errors.inc({ type: code });
        jobLog().warn({ err: err instanceof Error ? err.message : String(err), code }, 'job failed');
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
      ...queueTelemetry(),
    });
    worker.on('error', (err) => logger.error({ err: err.message, queue: spec.def.name }, 'worker error'));
    // A job that completes after a retry (Bull Board) is no dead letter any more; a job that
    // completed on its first start cannot have one, so the common case costs no query.
    worker.on('completed', (job) => {
      if (job.id === undefined || job.attemptsStarted <= 1) return;
      clearDeadLetter(opts.db.db, spec.def.name, job.id).catch(() => {});
    });
    worker.on('failed', (job, err) => {
      if (!job) return;
      // Dead letters are listed from Postgres (GET /v1/admin/failed-jobs); a row lost here (the
      // process died) leaves the job in BullMQ's failed set, where Bull Board still shows it.
      recordDeadLetter(
        opts.db.db,
        spec.def.name,
        job,
        job.finishedOn ?? (seen.has(job) ? undefined : Date.now()),
      ).catch((e: unknown) =>
        logger.error(
          { queue: spec.def.name, jobId: job.id, err: String(e) },
          'recording the dead letter failed',
        ),
      );
      if (seen.has(job)) return;
      const error = unrecordedFailureError(err?.message ?? job.failedReason);
      metrics.errors.inc({ type: error.code });
      logger.warn(
        { queue: spec.def.name, jobId: job.id, reason: err?.message, code: error.code },
        'job failed without running (stalled limit): recording the failure',
      );
      const settle = spec.settleFailure;
      if (!settle) return;
      settle(job.data, error).catch((e: unknown) =>
        // The reconciler finds it later (job failed, record unsettled).
        logger.error({ queue: spec.def.name, jobId: job.id, err: String(e) }, 'recording the failure failed'),
      );
    });
    workers.push(worker);
  }

  // Each queue's completed/failed/delayed jobs, rate and run times, at info once per interval.
  const logJobSummaries = () => {
    const now = performance.now();
    for (const { queue, tally } of tallies) {
      const summary = tally.take(now);
      if (summary) logger.info({ queue, ...summary }, 'jobs summary');
    }
  };
  const summaryTimer = setInterval(
    logJobSummaries,
    opts.jobSummaryIntervalMs ?? DEFAULT_JOB_SUMMARY_INTERVAL_MS,
  );
  summaryTimer.unref();

  // A producer-side connection for scrape-time queue gauges.
  const statsConnection = createRedis(opts.redisUrl, 'producer');
  statsConnection.on('error', () => {});
  // With the queue's job options: the reconciler adds jobs through these.
  const statsQueues: Queue[] = opts.processors.map((p) => openQueue(p.def, statsConnection, opts.prefix));

  let closing: Promise<void> | null = null;
  const reconcileIntervalMs = opts.reconcileIntervalMs ?? 0;
  const reconcileGraceMs = opts.reconcileGraceMs ?? 30_000;
  let reconciling: Promise<unknown> | null = null;
  /** One replica per queue (or sweep) and interval: the lock expires just before the next tick. */
  const takeReconcileLock = async (name: string, intervalMs = reconcileIntervalMs): Promise<boolean> => {
    const lockKey = `${opts.prefix}:reconcile-lock:${name}`;
    const ttl = Math.max(100, Math.floor(intervalMs * 0.9));
    const owner = `${opts.service}@${hostname()}:${process.pid}`;
    return (await statsConnection.set(lockKey, owner, 'PX', ttl, 'NX')) === 'OK';
  };
  const reconcileAll = async (useLock: boolean) => {
    const reports: Record<string, Awaited<ReturnType<typeof reconcileQueue>>> = {};
    for (const [i, spec] of opts.processors.entries()) {
      const queue = statsQueues[i];
      if (!spec.reconcile || !queue) continue;
      if (useLock && !(await takeReconcileLock(spec.def.name))) continue;
      const report = await reconcileQueue({
        def: spec.def,
        queue,
        source: spec.reconcile,
        settleFailure: spec.settleFailure,
        before: new Date(Date.now() - reconcileGraceMs),
        log: logger.child({ queue: spec.def.name }),
      });
      reports[spec.def.name] = report;
      if (report.requeued + report.failed > 0) logger.warn({ queue: spec.def.name, ...report }, 'reconciled');
    }
    for (const sweep of opts.sweeps ?? []) {
      if (useLock && !(await takeReconcileLock(`sweep:${sweep.name}`, sweep.intervalMs))) continue;
      const repaired = await sweep.run(new Date(Date.now() - reconcileGraceMs));
      if (repaired > 0) logger.warn({ sweep: sweep.name, repaired }, 'reconciled');
    }
    return reports;
  };
  let reconcileTimer: NodeJS.Timeout | null = null;
  const tick = () => {
    reconcileTimer = null;
    if (closing) return;
    if (!reconciling && !gate.isDown) {
      reconciling = reconcileAll(true)
        .catch((err: unknown) =>
          logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'reconciliation failed'),
        )
        .finally(() => {
          reconciling = null;
        });
    }
    reconcileTimer = setTimeout(tick, reconcileIntervalMs);
    reconcileTimer.unref();
  };
  if (reconcileIntervalMs > 0) {
    // First pass soon after boot (records left by a crash while this fleet was down), spread
    // over replicas started together.
    reconcileTimer = setTimeout(
      tick,
      Math.floor(Math.min(reconcileIntervalMs, 10_000) * (0.2 + 0.8 * Math.random())),
    );
    reconcileTimer.unref();
  }

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
        if (isDatabaseUnavailable(err)) gate.report(err);
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

  const close = () => {
    closing ??= (async () => {
      logger.info('shutting down: no new jobs, waiting for running ones');
      draining.abort();
      const deadlineTimer = setTimeout(
        () => deadline.abort(),
        opts.shutdownTimeoutMs - shutdownHandoverMarginMs(opts.shutdownTimeoutMs),
      );
      deadlineTimer.unref();
      gate.close();
      if (reconcileTimer) clearTimeout(reconcileTimer);
      await reconciling;
      // worker.close() waits for running jobs with no timeout of its own: bound it.
      const graceful = Promise.all(workers.map((w) => w.close()));
      const timedOut = await Promise.race([
        graceful.then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), opts.shutdownTimeoutMs).unref()),
      ]);
      clearTimeout(deadlineTimer);
      clearInterval(summaryTimer);
      logJobSummaries();
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
  return { workers, port, close, reconcileNow: () => reconcileAll(false) };
}

/** How long buffered spans may take to reach the collector at exit (a collector that is down must not hold it). */
const FLUSH_TRACES_CAP_MS = 2_000;

/**
 * Exits 0 after a graceful close on SIGTERM/SIGINT, once `flushTraces` (Tracing.shutdown) has
 * sent the spans still buffered, or FLUSH_TRACES_CAP_MS passed.
 */
export function closeOnSignals(
  service: WorkerService,
  logger: Logger<'http'>,
  flushTraces: () => Promise<void> = async () => {},
): void {
  const handler = (signal: string) => {
    logger.info({ signal }, 'signal received');
    const flushed = () =>
      Promise.race([
        flushTraces().catch(() => {}),
        new Promise<void>((resolve) => setTimeout(resolve, FLUSH_TRACES_CAP_MS).unref()),
      ]);
    service.close().then(
      () => flushed().then(() => process.exit(0)),
      (err: unknown) => {
        logger.error({ err: String(err) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
