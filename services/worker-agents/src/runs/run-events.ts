import { type AgentRunEventType, agentRunEvents, type Db } from '@saeq/shared/db';
import type { Logger } from '@saeq/shared/logger';
import { eq, sql } from 'drizzle-orm';

/**
 * The Redis pub/sub channel of a run's live events. The gateway's SSE endpoint subscribes to it
 * (services/gateway/src/use-cases/agent-run-events.ts spells the same name: keep them equal).
 */
export function agentRunEventsChannel(queuePrefix: string, runId: string): string {
  return `${queuePrefix}:agent-run-events:${runId}`;
}

/** Where live events are announced; null → Postgres only (SSE clients then poll). */
export type EventPublisher = { publish(channel: string, message: string): Promise<unknown> };

export type RunEvent = { seq: number; type: AgentRunEventType; data: unknown; createdAt: string };

type Options = {
  db: Db;
  runId: string;
  queuePrefix: string;
  publisher: EventPublisher | null;
  log: Pick<Logger<'http'>, 'warn'>;
  now: () => Date;
  /** Text is written in pieces of at most this many characters… */
  textChunkChars?: number;
  /** …or after this long, whichever comes first. */
  textFlushMs?: number;
};

/**
 * The event log of one run: each event is a row of `agent_run_events` (seq increasing per run,
 * the SSE `id`), then announced on Redis. Writes are serialised in call order. Streamed text is
 * batched so a long answer is tens of rows, not thousands. Event writes are progress
 * information: a failed write is logged, it never fails the run (the run row is the truth).
 */
export class RunEventLog {
  private seq: number;
  private chain: Promise<void> = Promise.resolve();
  private textBuffer = '';
  private textStep = 0;
  private textTimer: NodeJS.Timeout | null = null;
  private readonly chunkChars: number;
  private readonly flushMs: number;

  private constructor(
    private readonly opts: Options,
    lastSeq: number,
  ) {
    this.seq = lastSeq;
    this.chunkChars = opts.textChunkChars ?? 400;
    this.flushMs = opts.textFlushMs ?? 100;
  }

  /** Continues the run's log after its last event (a retried job appends, never rewrites). */
  static async open(opts: Options): Promise<RunEventLog> {
    const rows = await opts.db
      .select({ last: sql<number | null>`max(${agentRunEvents.seq})` })
      .from(agentRunEvents)
      .where(eq(agentRunEvents.runId, opts.runId));
    return new RunEventLog(opts, Number(rows[0]?.last ?? 0));
  }

  /** Appends an event (after any buffered text). Resolves when it is written. */
  emit(type: Exclude<AgentRunEventType, 'text'>, data: unknown): Promise<void> {
    this.flushText();
    const seq = ++this.seq;
    return this.enqueue(() => this.write({ seq, type, data, createdAt: this.opts.now().toISOString() }));
  }

  /** Buffers a piece of streamed answer text of model step `step`. */
  text(delta: string, step: number): void {
    if (delta === '') return;
    if (step !== this.textStep) this.flushText();
    this.textStep = step;
    this.textBuffer += delta;
    if (this.textBuffer.length >= this.chunkChars) this.flushText();
    else this.textTimer ??= setTimeout(() => this.flushText(), this.flushMs);
  }

  /** Waits until every event so far is written. */
  async drain(): Promise<void> {
    this.flushText();
    await this.chain;
  }

  /**
   * Writes the terminal event with `write` (the caller's transaction, so the run's final status
   * and its event are committed together), then announces it.
   */
  async terminal(data: unknown, write: (seq: number) => Promise<void>): Promise<void> {
    await this.drain();
    const seq = ++this.seq;
    await write(seq);
    await this.announce({ seq, type: 'status', data, createdAt: this.opts.now().toISOString() });
  }

  private flushText(): void {
    if (this.textTimer) {
      clearTimeout(this.textTimer);
      this.textTimer = null;
    }
    if (this.textBuffer === '') return;
    const data = { delta: this.textBuffer, step: this.textStep };
    this.textBuffer = '';
    const seq = ++this.seq;
    void this.enqueue(() =>
      this.write({ seq, type: 'text', data, createdAt: this.opts.now().toISOString() }),
    );
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(task).catch((err: unknown) => {
      this.opts.log.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'agent run event not written',
      );
    });
    return this.chain;
  }

  private async write(event: RunEvent): Promise<void> {
    await this.opts.db
      .insert(agentRunEvents)
      .values({ runId: this.opts.runId, seq: event.seq, type: event.type, data: event.data })
      // A duplicate delivery of the job writing the same seq must not fail the run.
      .onConflictDoNothing();
    await this.announce(event);
  }

  private async announce(event: RunEvent): Promise<void> {
    if (!this.opts.publisher) return;
    await this.opts.publisher
      .publish(agentRunEventsChannel(this.opts.queuePrefix, this.opts.runId), JSON.stringify(event))
      .catch(() => {
        // Redis unavailable: SSE clients still get the event from Postgres on their next poll.
      });
  }
}
