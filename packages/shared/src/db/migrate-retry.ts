import type { DbHandle } from './client.ts';
import { isDatabaseUnavailable } from './errors.ts';

export type MigrateRetryOptions = {
  /** First wait after a failure; doubles up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Gives up (rethrows) after this long; default: never while the database is only unreachable. */
  timeoutMs?: number;
  /** Called before each wait (to log it). */
  onRetry?: (info: { attempt: number; delayMs: number; err: unknown }) => void;
  /** For tests. */
  sleep?: (ms: number) => Promise<void>;
};

/**
 * Runs the migrations at boot, waiting for the database while it is unreachable (restarting,
 * not up yet) instead of exiting: a worker started during a Postgres outage would otherwise die
 * and be restarted in a loop until it comes back. Any other error (a failing migration) is
 * thrown at once.
 */
export async function migrateWithRetry(handle: DbHandle, opts: MigrateRetryOptions = {}): Promise<void> {
  const initial = opts.initialDelayMs ?? 500;
  const max = opts.maxDelayMs ?? 5000;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      await handle.migrate();
      return;
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      if (opts.timeoutMs !== undefined && Date.now() - started >= opts.timeoutMs) throw err;
      const delayMs = Math.min(max, initial * 2 ** Math.min(attempt - 1, 16));
      opts.onRetry?.({ attempt, delayMs, err });
      await sleep(delayMs);
    }
  }
}
