import type { Server } from 'node:http';
import { AppError } from '@saeq/shared/errors';
import { createMiddleware } from 'hono/factory';
import type { GatewayEnvBindings } from '../deps.ts';

/**
 * Graceful shutdown. `server.close()` alone only stops *new connections*: clients on keep-alive
 * connections keep sending requests, which used to be served until a forced exit cut whatever
 * was in flight (docs/reliability.md, defect 5). On SIGTERM the gateway starts draining:
 * readiness fails and every response closes its connection; after a short grace (requests the
 * clients sent before the signal may still be in socket buffers or in the accept queue of a busy
 * process) requests that start are refused with 503 + `Retry-After` (nothing done, so a retry
 * elsewhere is safe), and the process exits as soon as the requests in flight are answered.
 */
export class Drain {
  private readonly controller = new AbortController();
  private refusingRequests = false;

  /** SIGTERM received: readiness fails, responses close their connection, event streams end. */
  get draining(): boolean {
    return this.controller.signal.aborted;
  }

  /** The grace is over: requests that start now are answered 503. */
  get refusing(): boolean {
    return this.refusingRequests;
  }

  /** Aborted when draining starts: long-lived responses (event streams) end so their clients reconnect elsewhere. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  start(): void {
    this.controller.abort();
  }

  refuse(): void {
    this.start();
    this.refusingRequests = true;
  }
}

/** Seconds before a refused client retries: another replica, or this one restarted, answers by then. */
const DRAIN_RETRY_AFTER_S = '2';

/** Probes still answer while draining (readiness reports it, see healthRoutes). */
const EXEMPT = new Set(['/health', '/health/ready']);

/**
 * Refuses requests that start once the drain refuses them; marks every response
 * `Connection: close` while draining so keep-alive clients move to another replica instead of
 * reusing this connection.
 */
export function refuseWhileDraining(drain: Drain) {
  return createMiddleware<GatewayEnvBindings>(async (c, next) => {
    if (drain.refusing && !EXEMPT.has(c.req.path)) {
      throw new AppError('dependency_unavailable', {
        headers: { 'Retry-After': DRAIN_RETRY_AFTER_S, Connection: 'close' },
        detail: {
          fr: 'Cette instance de la passerelle s’arrête; réessayez dans quelques secondes.',
          en: 'This gateway instance is shutting down; retry in a few seconds.',
        },
      });
    }
    await next();
    // Checked after the handler too: a request in flight when the signal came must not leave
    // its connection open for another request.
    if (drain.draining) c.header('Connection', 'close');
  });
}

export type DrainResult = { forced: boolean; inFlight: number; ms: number };

/**
 * Counts the server's requests in flight (from the request event to the response's close, so
 * streamed bodies count). `drainServer` starts draining, keeps serving for `graceMs` (each
 * response closing its connection), then refuses new requests, stops listening, closes idle
 * keep-alive connections and resolves once nothing is in flight — or `hardCapMs` after the
 * start, with every connection destroyed (`forced: true`).
 */
export function gracefulShutdown(server: Server, drain: Drain) {
  let inFlight = 0;
  let onIdle: (() => void) | null = null;
  server.on('request', (_req, res) => {
    inFlight++;
    res.once('close', () => {
      inFlight--;
      if (!drain.refusing) return;
      // The connection this response used is idle now unless it was closed: close it before
      // its client sends another request on it.
      setImmediate(() => server.closeIdleConnections());
      if (inFlight === 0) onIdle?.();
    });
  });
  return {
    inFlight: () => inFlight,
    async drainServer(opts: { graceMs: number; hardCapMs: number }): Promise<DrainResult> {
      const started = Date.now();
      drain.start();
      let timer: NodeJS.Timeout | undefined;
      const capped = new Promise<true>((resolve) => {
        timer = setTimeout(() => resolve(true), opts.hardCapMs);
      });
      await new Promise((resolve) => setTimeout(resolve, Math.min(opts.graceMs, opts.hardCapMs)));
      drain.refuse();
      server.close();
      server.closeIdleConnections();
      const idle =
        inFlight === 0
          ? Promise.resolve(false as const)
          : new Promise<false>((resolve) => {
              onIdle = () => resolve(false);
            });
      const forced = await Promise.race([idle, capped]);
      clearTimeout(timer);
      const left = inFlight;
      if (forced) server.closeAllConnections();
      return { forced, inFlight: left, ms: Date.now() - started };
    },
  };
}
