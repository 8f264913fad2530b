import Anthropic from '@anthropic-ai/sdk';

/**
 * What to do about a failed request to the model provider:
 * - `rate_limited` (429) and `overloaded` (529): wait for `retry-after`, then try again — the job
 *   is delayed, not failed, and no worker slot is held while waiting;
 * - `server` (5xx, a broken connection, a request timeout): retry with backoff (job attempts);
 * - `rejected` (400, 401, 403, 404, 413, other 4xx): retrying cannot help; the run fails with
 *   the provider's message;
 * - `aborted`: we cancelled the request ourselves (the run's wall-clock limit).
 */
export type ProviderErrorKind = 'rate_limited' | 'overloaded' | 'server' | 'rejected' | 'aborted';

export type ProviderError = {
  kind: ProviderErrorKind;
  /** HTTP status; undefined for an error event in the middle of a stream or a network error. */
  status: number | undefined;
  /** From `retry-after-ms` or `retry-after` (seconds or an HTTP date), when sent. */
  retryAfterMs: number | undefined;
  message: string;
};

/** Classifies an error thrown by @anthropic-ai/sdk; null when it is not a provider error. */
export function classifyProviderError(err: unknown, now: number = Date.now()): ProviderError | null {
  if (err instanceof Anthropic.APIUserAbortError) {
    return { kind: 'aborted', status: undefined, retryAfterMs: undefined, message: err.message };
  }
  // APIConnectionError (and its timeout subclass) has no status: the request never got an answer.
  if (err instanceof Anthropic.APIConnectionError) {
    return { kind: 'server', status: undefined, retryAfterMs: undefined, message: err.message };
  }
  if (!(err instanceof Anthropic.APIError)) return null;
  const status = typeof err.status === 'number' ? err.status : undefined;
  const type = err.type ?? undefined;
  const retryAfterMs = retryAfterOf(err.headers, now);
  const message = err.apiMessage ?? err.message;
  const base = { status, retryAfterMs, message };
  if (status === 429 || type === 'rate_limit_error') return { kind: 'rate_limited', ...base };
  if (status === 529 || type === 'overloaded_error') return { kind: 'overloaded', ...base };
  if (status === undefined || status >= 500 || status === 408 || status === 409)
    return { kind: 'server', ...base };
  return { kind: 'rejected', ...base };
}

/** Milliseconds to wait from `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
export function retryAfterOf(headers: Headers | undefined, now: number): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/**
 * How long a rate-limited job waits: the provider's retry-after, else an exponential default
 * (5 s, 10 s, 20 s … capped at 60 s); never more than 10 minutes.
 */
export function rateLimitDelayMs(retryAfterMs: number | undefined, previousDelays: number): number {
  const fallback = Math.min(60_000, 5000 * 2 ** previousDelays);
  return Math.min(10 * 60_000, Math.max(0, retryAfterMs ?? fallback));
}
