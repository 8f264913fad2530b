import type { RedisOptions } from 'ioredis';

/**
 * A Redis behind Sentinel, written as one URL so that every place holding "the Redis URL" (env,
 * worker options, logs without secrets) works unchanged:
 * `redis+sentinel://[user:password@]<master name>[/db]?sentinels=host:port,host:port[&sentinelPassword=…]`.
 * The user, password and db are those of the data nodes; the sentinels are asked where the
 * current primary is, at every (re)connection.
 */
export const SENTINEL_SCHEME = 'redis+sentinel:';

/** The `redis+sentinel://` URL for a master group, keeping `base`'s credentials and db. */
export function sentinelUrl(opts: {
  base: string;
  name: string;
  sentinels: string[];
  sentinelPassword?: string;
}): string {
  const base = new URL(opts.base);
  const url = new URL(`${SENTINEL_SCHEME}//${encodeURIComponent(opts.name)}${base.pathname}`);
  url.username = base.username;
  url.password = base.password;
  url.searchParams.set('sentinels', opts.sentinels.join(','));
  if (opts.sentinelPassword) url.searchParams.set('sentinelPassword', opts.sentinelPassword);
  return url.toString();
}

/** ioredis options for a `redis+sentinel://` URL. */
export function sentinelOptions(url: URL): RedisOptions {
  const sentinels = (url.searchParams.get('sentinels') ?? '')
    .split(',')
    .filter(Boolean)
    .map((address) => {
      const at = address.lastIndexOf(':');
      return at === -1
        ? { host: address, port: 26379 }
        : { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
    });
  if (sentinels.length === 0) throw new Error('redis+sentinel URL without sentinels');
  const db = Number(url.pathname.slice(1) || '0');
  return {
    name: decodeURIComponent(url.hostname),
    sentinels,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.searchParams.get('sentinelPassword')
      ? { sentinelPassword: url.searchParams.get('sentinelPassword') as string }
      : {}),
    db: Number.isInteger(db) ? db : 0,
    // Asking the sentinels again after a failure is how a promoted replica is found.
    sentinelRetryStrategy: (times) => Math.min(times * 200, 2000),
    // A primary demoted while connected answers READONLY: reconnect, which asks the sentinels.
    reconnectOnError: (err) => err.message.startsWith('READONLY'),
  };
}
