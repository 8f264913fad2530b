import { Redis, type RedisOptions } from 'ioredis';
import { SENTINEL_SCHEME, sentinelOptions } from './sentinel-url.ts';

export { SENTINEL_SCHEME, sentinelUrl } from './sentinel-url.ts';

/**
 * Redis connections for BullMQ. Workers block on Redis and must retry forever
 * (`maxRetriesPerRequest: null`, a BullMQ requirement); producers fail fast so the gateway can
 * answer 503 instead of hanging when Redis is down. `url` is a `redis://` URL or a
 * `redis+sentinel://` one (see SENTINEL_SCHEME).
 */
export function createRedis(url: string, role: 'worker' | 'producer', extra: RedisOptions = {}): Redis {
  const common: RedisOptions = {
    lazyConnect: false,
    // Reconnect forever with a capped backoff; a restarted Redis is picked up by itself.
    retryStrategy: (times) => Math.min(times * 200, 2000),
    ...extra,
  };
  const roleOptions: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 };
  if (url.startsWith(SENTINEL_SCHEME)) {
    return new Redis({ ...sentinelOptions(new URL(url)), ...common, ...roleOptions });
  }
  return new Redis(url, { ...common, ...roleOptions });
}

/** Waits until the client is connected, or rejects after `timeoutMs`. */
export async function waitForRedis(client: Redis, timeoutMs = 5000): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      client.off('ready', onReady);
    };
    client.on('ready', onReady);
  });
}

/**
 * BullMQ loses jobs if Redis evicts keys: anything but `noeviction` is a misconfiguration.
 * Returns the policy so callers can warn loudly.
 */
export async function readMaxmemoryPolicy(client: Redis): Promise<string> {
  const reply = (await client.config('GET', 'maxmemory-policy')) as string[];
  return reply[1] ?? 'unknown';
}
