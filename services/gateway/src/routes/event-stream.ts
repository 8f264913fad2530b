import type { Context } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import type { GatewayDeps, GatewayEnvBindings } from '../deps.ts';

/**
 * Opens a text/event-stream answer the way every SSE route of the gateway does: unbuffered by
 * nginx, a `retry:` hint first, and a `closed` signal that aborts when the client leaves or the
 * gateway drains (clients reconnect, to another replica, instead of holding the shutdown until
 * the hard cap). `body` writes the events; the stream ends when it returns.
 */
export function openEventStream(
  c: Context<GatewayEnvBindings>,
  deps: Pick<GatewayDeps, 'drain'>,
  opts: { retryMs: number; onError: (err: Error) => void },
  body: (stream: SSEStreamingApi, closed: AbortSignal) => Promise<void>,
): Response {
  c.header('X-Accel-Buffering', 'no');
  return streamSSE(
    c,
    async (stream) => {
      const closed = new AbortController();
      stream.onAbort(() => closed.abort());
      const endOnDrain = () => closed.abort();
      deps.drain.signal.addEventListener('abort', endOnDrain, { once: true });
      if (deps.drain.draining) closed.abort();
      try {
        await stream.write(`retry: ${opts.retryMs}\n\n`);
        await body(stream, closed.signal);
      } finally {
        deps.drain.signal.removeEventListener('abort', endOnDrain);
      }
    },
    async (err) => opts.onError(err),
  );
}

/** An SSE comment line (`: text`), ignored by clients: a heartbeat through idle proxies. */
export async function writeComment(stream: SSEStreamingApi, text: string): Promise<void> {
  await stream.write(`: ${text}\n\n`);
}
