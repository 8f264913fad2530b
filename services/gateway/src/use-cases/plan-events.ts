/**
 * Server-sent events of a plan's progress: the plan's status (the JSON of `GET /v1/plans/{id}`)
 * at once, then each time it changes, until it is completed or failed. The workers publish
 * nothing for plans, so the stream re-reads Postgres (one indexed query) every `pollMs`: one
 * open stream costs the server that read instead of costing the client a rate-limited request.
 */

export type PlanEventOptions = {
  /** The plan's current view; null once it is gone (deleted meanwhile): the stream ends. */
  load: () => Promise<{ status: string } | null>;
  /** Postgres is read again this often. */
  pollMs: number;
  /** A comment line when nothing was sent for this long (proxies close silent connections). */
  heartbeatMs: number;
  /** The stream ends after this long, so a forgotten tab cannot hold it forever. */
  maxDurationMs: number;
  signal: AbortSignal;
};

export type PlanEventSink = {
  status(view: { status: string }): Promise<void>;
  comment(text: string): Promise<void>;
};

export const isTerminalPlanStatus = (status: string) => status === 'completed' || status === 'failed';

/** Streams the plan's view into `sink` whenever it differs from the last one sent. */
export async function followPlanStatus(opts: PlanEventOptions, sink: PlanEventSink): Promise<void> {
  const deadline = Date.now() + opts.maxDurationMs;
  let lastSent = '';
  let lastWrite = Date.now();
  for (;;) {
    const view = await opts.load();
    if (!view || opts.signal.aborted) return;
    const json = JSON.stringify(view);
    if (json !== lastSent) {
      await sink.status(view);
      lastSent = json;
      lastWrite = Date.now();
    }
    if (isTerminalPlanStatus(view.status)) return;
    if (Date.now() >= deadline) return;
    await pause(Math.min(opts.pollMs, opts.heartbeatMs, Math.max(0, deadline - Date.now())), opts.signal);
    if (opts.signal.aborted) return;
    if (Date.now() - lastWrite >= opts.heartbeatMs) {
      await sink.comment('keep-alive');
      lastWrite = Date.now();
    }
  }
}

/** Waits `ms`, or less when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
