import { agentRuns, type Db } from '@saeq/shared/db';
import { eq } from 'drizzle-orm';
import { type OrchestrationStatus, orchestrationStatus } from './agent-orchestrations.ts';
import { eventsAfter, type RunEventHub } from './agent-run-events.ts';

/**
 * Server-sent events of an orchestration: the events of its runs (members, then the synthesis)
 * read from Postgres (`agent_run_events`), each labelled with its run, then one `orchestration`
 * event with the final status. The event id is the cursor of every run — its last seq, in step
 * order, joined by dots (`3.5.0`) — so `Last-Event-ID` resumes each run where the client was.
 * Redis pub/sub on the runs' channels only wakes the loop up; Postgres is always what is sent.
 */

export type OrchestrationRunRef = { id: string; agentId: string; role: 'member' | 'synthesis'; step: number };

/** A `Last-Event-ID` cursor for `count` runs; anything malformed starts from the beginning. */
export function parseOrchestrationCursor(raw: string | undefined, count: number): number[] {
  const zero = Array.from({ length: count }, () => 0);
  if (!raw) return zero;
  const parts = raw.trim().split('.');
  if (parts.length !== count || !parts.every((p) => /^\d{1,9}$/.test(p))) return zero;
  return parts.map(Number);
}

export type OrchestrationEventSink = {
  event(event: { id: string; type: string; data: unknown }): Promise<void>;
  comment(text: string): Promise<void>;
};

const PAGE = 500;

export async function followOrchestrationEvents(
  opts: {
    db: Db;
    orchestrationId: string;
    hub: RunEventHub | null;
    channel: (runId: string) => string;
    runs: OrchestrationRunRef[];
    cursor: number[];
    heartbeatMs: number;
    pollMs: number;
    maxDurationMs: number;
    signal: AbortSignal;
  },
  sink: OrchestrationEventSink,
): Promise<void> {
  const cursor = [...opts.cursor];
  let wake: (() => void) | null = null;
  let pending = false;
  const notify = () => {
    pending = true;
    const resume = wake;
    wake = null;
    resume?.();
  };
  opts.signal.addEventListener('abort', notify, { once: true });
  let pollMs = opts.pollMs;
  const unsubscribers: (() => Promise<void>)[] = [];
  if (opts.hub) {
    try {
      for (const run of opts.runs) unsubscribers.push(await opts.hub.subscribe(opts.channel(run.id), notify));
    } catch {
      pollMs = Math.min(pollMs, 1000);
    }
  } else {
    pollMs = Math.min(pollMs, 1000);
  }
  const deadline = Date.now() + opts.maxDurationMs;
  let lastWrite = Date.now();
  try {
    for (;;) {
      pending = false;
      // The status first: when it is final, every event was committed before it was read.
      const status = await currentStatus(opts.db, opts.orchestrationId);
      for (const [i, run] of opts.runs.entries()) {
        for (;;) {
          const rows = await eventsAfter(opts.db, run.id, cursor[i] ?? 0, PAGE);
          for (const row of rows) {
            cursor[i] = row.seq;
            await sink.event({
              id: cursor.join('.'),
              type: row.type,
              data: { run, seq: row.seq, data: row.data, createdAt: row.createdAt },
            });
            lastWrite = Date.now();
          }
          if (rows.length < PAGE) break;
        }
      }
      if (status === 'completed' || status === 'failed') {
        await sink.event({ id: cursor.join('.'), type: 'orchestration', data: { status } });
        return;
      }
      if (opts.signal.aborted || Date.now() >= deadline) return;
      if (!pending) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(
            () => {
              wake = null;
              resolve();
            },
            Math.min(pollMs, opts.heartbeatMs),
          );
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      if (opts.signal.aborted) return;
      if (Date.now() - lastWrite >= opts.heartbeatMs) {
        await sink.comment('keep-alive');
        lastWrite = Date.now();
      }
    }
  } finally {
    opts.signal.removeEventListener('abort', notify);
    for (const unsubscribe of unsubscribers) await unsubscribe();
  }
}

async function currentStatus(db: Db, orchestrationId: string): Promise<OrchestrationStatus> {
  const rows = await db
    .select({ id: agentRuns.id, status: agentRuns.status, role: agentRuns.orchestrationRole })
    .from(agentRuns)
    .where(eq(agentRuns.orchestrationId, orchestrationId));
  return orchestrationStatus({
    members: rows.filter((r) => r.role === 'member'),
    synthesis: rows.find((r) => r.role === 'synthesis') ?? null,
  });
}
