/**
 * Classifies errors that mean "the database cannot be reached right now" (server down, restarting,
 * connection cut, pool unable to connect) as opposed to errors of the query itself. Workers use it
 * to retry a job later without spending an attempt, and the gateway to answer 503 + Retry-After
 * instead of 500: the same list in both places.
 */

/** Socket-level error codes (Node `err.code`) that mean the server is unreachable or went away. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or
 * shutting down), 53300 too_many_connections; the whole class 08 (connection exception) is matched
 * separately.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Messages pg and pg-pool give to connection failures that carry no code. */
const MESSAGE_PATTERNS = [
  /timeout exceeded when trying to connect/i, // pg-pool: connectionTimeoutMillis elapsed
  /Connection terminated/i, // pg: socket closed under a query ("unexpectedly", "due to connection timeout")
  /Client has encountered a connection error and is not queryable/i,
  /terminating connection due to administrator command/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

const MAX_DEPTH = 8;

/**
 * True when `err` (or anything it wraps: drizzle's `DrizzleQueryError.cause`, an `AggregateError`
 * from a multi-address connect) says the database is unavailable. Query errors (constraint
 * violations, syntax, serialization failures) are false: retrying them later changes nothing.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  return check(err, 0, new Set());
}

function check(err: unknown, depth: number, seen: Set<unknown>): boolean {
  if (err === null || typeof err !== 'object' || depth > MAX_DEPTH || seen.has(err)) return false;
  seen.add(err);
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string') {
    if (NETWORK_CODES.has(e.code) || SQLSTATES.has(e.code) || /^08[0-9A-Z]{3}$/.test(e.code)) return true;
  }
  if (typeof e.message === 'string' && MESSAGE_PATTERNS.some((re) => re.test(e.message as string))) {
    return true;
  }
  if (check(e.cause, depth + 1, seen)) return true;
  if (Array.isArray(e.errors)) return e.errors.some((inner) => check(inner, depth + 1, seen));
  return false;
}
