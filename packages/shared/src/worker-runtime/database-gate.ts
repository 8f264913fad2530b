import type { Job, Worker } from 'bullmq';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { isDatabaseUnavailable } from '../db/errors.ts';
import type { Logger } from '../logger/index.ts';

/**
 * Stops a worker process from taking jobs while Postgres is unreachable, and starts it again as
 * soon as Postgres answers. Without it every job picked up during an outage fails at its first
 * query; with it, the jobs that were running when Postgres went away are put back (delayed, no
 * attempt spent) and the rest wait in their queues.
 */
export class DatabaseGate {
  private downSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly opts: {
      ping: () => Promise<void>;
      workers: () => Worker[];
      logger: Pick<Logger<'http'>, 'warn' | 'info' | 'error'>;
      /** How often to ping while down (ms). */
      pingIntervalMs?: number;
    },
  ) {}

  get isDown(): boolean {
    return this.downSince !== null;
  }

  /** A job (or the readiness check) found Postgres unreachable: pause every worker, watch for its return. */
  report(err: unknown): void {
    if (this.closed || this.downSince !== null) return;
    this.downSince = Date.now();
    this.opts.logger.warn(
      { err: err instanceof Error ? err.message : String(err) },
      'postgres unreachable: pausing job intake until it answers',
    );
    // doNotWaitActive: running jobs finish (or are put back) by themselves; waiting for them
    // here would delay the pause by as long as the slowest job.
    for (const w of this.opts.workers()) {
      w.pause(true).catch((e: unknown) =>
        this.opts.logger.error({ err: String(e), queue: w.name }, 'pausing worker failed'),
      );
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => void this.check(), this.opts.pingIntervalMs ?? 250);
    this.timer.unref();
  }

  private async check(): Promise<void> {
    this.timer = null;
    if (this.closed) return;
    try {
      await this.opts.ping();
    } catch {
      this.schedule();
      return;
    }
    if (this.closed) return;
    const downMs = Date.now() - (this.downSince ?? Date.now());
    this.downSince = null;
    this.opts.logger.info({ downMs }, 'postgres answers again: resuming job intake');
    for (const w of this.opts.workers()) {
      // resume() reports its own errors on the worker's 'error' event.
      void w.resume();
    }
  }

  /** Stops watching (shutdown); workers are left as they are, their close() follows. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/**
 * How long to put a job back when Postgres is unreachable: 1 s, 2 s, 4 s … up to 30 s, growing
 * with the times this job was already started without an attempt being counted (BullMQ counts
 * every start in `attemptsStarted`, failures in `attemptsMade`), with ±20 % jitter so a backlog
 * does not come back all at once.
 */
export function databaseRetryDelayMs(
  job: Pick<Job, 'attemptsStarted' | 'attemptsMade'>,
  random = Math.random,
) {
  const restarts = Math.max(0, (job.attemptsStarted ?? 1) - job.attemptsMade - 1);
  const base = Math.min(30_000, 1000 * 2 ** Math.min(restarts, 15));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * True when `err` says Postgres is unreachable and Postgres indeed does not answer now. The
 * error alone is not enough: socket errors look the same whether they came from Postgres or
 * from an HTTP call the job made. `ping` is a drizzle handle or a function.
 */
export async function databaseDown(err: unknown, ping: Db | (() => Promise<unknown>)): Promise<boolean> {
  if (!isDatabaseUnavailable(err)) return false;
  try {
    await (typeof ping === 'function' ? ping() : ping.execute(sql`select 1`));
    return false;
  } catch {
    return true;
  }
}
