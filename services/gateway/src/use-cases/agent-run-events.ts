import { type AgentRunEventType, agentRunEvents, agentRuns, type Db, type StageError } from '@saeq/shared/db';
import type { Logger } from '@saeq/shared/logger';
import { duplicateRedis, type RedisClient } from '@saeq/shared/redis';
import { and, asc, eq, gt } from 'drizzle-orm';

/**
 * Server-sent events of an agent run: replay from Postgres (`agent_run_events`, the source of
 * truth) after `Last-Event-ID`, then follow live events announced on Redis pub/sub by the
 * worker, until the run's terminal status event.
 */

export type RunEvent = { seq: number; type: AgentRunEventType | string; data: unknown; createdAt: string };

/**
 * The Redis channel of a run's live events. worker-agents spells the same name
 * (services/worker-agents/src/runs/run-events.ts `agentRunEventsChannel`): keep them equal.
 */
export function agentRunEventsChannel(queuePrefix: string, runId: string): string {
  return `${queuePrefix}:agent-run-events:${runId}`;
}

export function isTerminalEvent(event: Pick<RunEvent, 'type' | 'data'>): boolean {
  if (event.type !== 'status' || typeof event.data !== 'object' || event.data === null) return false;
  const status = (event.data as { status?: unknown }).status;
  return status === 'completed' || status === 'failed';
}

/** `Last-Event-ID` (or `?lastEventId=`): the last seq the client has; anything else → 0. */
export function parseLastEventId(raw: string | undefined): number {
  if (!raw || !/^\d{1,9}$/.test(raw.trim())) return 0;
  return Number(raw.trim());
}

export async function eventsAfter(
  db: Db,
  runId: string,
  afterSeq: number,
  limit: number,
): Promise<RunEvent[]> {
  const rows = await db
    .select()
    .from(agentRunEvents)
    .where(and(eq(agentRunEvents.runId, runId), gt(agentRunEvents.seq, afterSeq)))
    .orderBy(asc(agentRunEvents.seq))
    .limit(limit);
  return rows.map((row) => ({
    seq: row.seq,
    type: row.type,
    data: row.data,
    createdAt: row.createdAt.toISOString(),
  }));
}

type Listener = (event: RunEvent) => void;

/**
 * One Redis subscriber connection shared by every SSE stream of the process, opened with the
 * first subscription and closed with the last (no idle connection, nothing left open in tests).
 */
export class RunEventHub {
  private subscriber: RedisClient | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly subscribed = new Map<string, Promise<unknown>>();

  constructor(
    private readonly redis: RedisClient,
    private readonly log: Pick<Logger<'http'>, 'warn'>,
    private readonly subscribeTimeoutMs = 2000,
  ) {}

  /**
   * Calls `listener` with each event announced on `channel`. Resolves once Redis confirmed
   * the subscription; rejects when Redis does not answer in time (the caller then polls).
   * The returned function unsubscribes.
   */
  async subscribe(channel: string, listener: Listener): Promise<() => Promise<void>> {
    const connection = this.connection();
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      this.subscribed.set(channel, connection.subscribe(channel));
    }
    set.add(listener);
    const listeners = set;
    const unsubscribe = async () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.listeners.get(channel) === listeners) {
        this.listeners.delete(channel);
        this.subscribed.delete(channel);
        if (this.listeners.size === 0) {
          this.subscriber = null;
          connection.disconnect();
        } else {
          await connection.unsubscribe(channel).catch(() => {});
        }
      }
    };
    try {
      await withTimeout(this.subscribed.get(channel) ?? Promise.resolve(), this.subscribeTimeoutMs);
    } catch (err) {
      await unsubscribe();
      throw err;
    }
    return unsubscribe;
  }

  private connection(): RedisClient {
    if (this.subscriber) return this.subscriber;
    // The gateway's own connection fails fast (no offline queue); a subscriber waits for Redis.
    const subscriber = duplicateRedis(this.redis, { enableOfflineQueue: true, maxRetriesPerRequest: null });
    subscriber.on('error', (err) =>
      this.log.warn({ err: err.message }, 'redis (run events subscriber) error'),
    );
    subscriber.on('message', (channel: string, message: string) => {
      const listeners = this.listeners.get(channel);
      if (!listeners) return;
      let event: RunEvent;
      try {
        event = JSON.parse(message) as RunEvent;
      } catch {
        return;
      }
      if (typeof event.seq !== 'number') return;
      for (const listener of listeners) listener(event);
    });
    this.subscriber = subscriber;
    return subscriber;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

export type FollowOptions = {
  db: Db;
  hub: RunEventHub | null;
  channel: string;
  runId: string;
  /** The last seq the client has (Last-Event-ID). */
  afterSeq: number;
  /** A comment line when nothing was sent for this long. */
  heartbeatMs: number;
  /** Postgres is read again at least this often (a missed announcement costs at most this). */
  pollMs: number;
  /** The stream ends after this long; the client reconnects with Last-Event-ID. */
  maxDurationMs: number;
  signal: AbortSignal;
};

export type EventSink = {
  /** `seq` null: a status synthesised from the run row (a run finished without one). */
  event(event: Omit<RunEvent, 'seq'> & { seq: number | null }): Promise<void>;
  comment(text: string): Promise<void>;
};

const PAGE = 500;

/**
 * Streams the run's events in seq order into `sink` until the terminal status (completed or
 * failed), the client leaving, or `maxDurationMs`. Subscribes first, then reads Postgres, so
 * nothing committed in between is missed; live events are used directly while they follow
 * on, and any gap is read back from Postgres.
 */
export async function followRunEvents(opts: FollowOptions, sink: EventSink): Promise<void> {
  const live: RunEvent[] = [];
  let wake: (() => void) | null = null;
  const notify = () => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  opts.signal.addEventListener('abort', notify, { once: true });
  let pollMs = opts.pollMs;
  let unsubscribe: (() => Promise<void>) | null = null;
  if (opts.hub) {
    try {
      unsubscribe = await opts.hub.subscribe(opts.channel, (event) => {
        live.push(event);
        notify();
      });
    } catch {
      pollMs = Math.min(pollMs, 1000);
    }
  } else {
    pollMs = Math.min(pollMs, 1000);
  }

  const deadline = Date.now() + opts.maxDurationMs;
  let last = opts.afterSeq;
  let lastWrite = Date.now();
  let runFinished: { status: string; error: StageError | null } | null = null;
  const send = async (event: RunEvent) => {
    await sink.event(event);
    last = event.seq;
    lastWrite = Date.now();
    return isTerminalEvent(event);
  };

  try {
    for (;;) {
      // Catch up from Postgres.
      for (;;) {
        const rows = await eventsAfter(opts.db, opts.runId, last, PAGE);
        for (const row of rows) if (await send(row)) return;
        if (rows.length < PAGE) break;
      }
      if (runFinished) {
        // The run is over but has no terminal event (it predates the event log).
        await sink.event({
          seq: null,
          type: 'status',
          data: runFinished,
          createdAt: new Date().toISOString(),
        });
        return;
      }
      // Then the live events, as long as they follow on.
      let gap = false;
      live.sort((a, b) => a.seq - b.seq);
      while (live.length > 0) {
        const event = live.shift();
        if (!event || event.seq <= last) continue;
        if (event.seq !== last + 1) {
          gap = true;
          break;
        }
        if (await send(event)) return;
      }
      if (gap) {
        live.length = 0;
        continue;
      }
      if (opts.signal.aborted || Date.now() >= deadline) return;

      const woke = await new Promise<boolean>((resolve) => {
        if (live.length > 0 || opts.signal.aborted) return resolve(true);
        const timer = setTimeout(
          () => {
            wake = null;
            resolve(false);
          },
          Math.min(pollMs, opts.heartbeatMs),
        );
        wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
      if (opts.signal.aborted) return;
      if (!woke) {
        if (Date.now() - lastWrite >= opts.heartbeatMs) {
          await sink.comment('keep-alive');
          lastWrite = Date.now();
        }
        const rows = await opts.db
          .select({ status: agentRuns.status, error: agentRuns.error })
          .from(agentRuns)
          .where(eq(agentRuns.id, opts.runId));
        const run = rows[0];
        if (!run) return; // deleted
        if (run.status === 'completed' || run.status === 'failed')
          runFinished = { status: run.status, error: run.error };
      }
    }
  } finally {
    opts.signal.removeEventListener('abort', notify);
    await unsubscribe?.();
  }
}
