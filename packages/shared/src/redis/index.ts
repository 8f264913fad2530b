import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { CLUSTER_SCHEME, clusterDefaults, clusterOptions } from './cluster-url.ts';
import { SENTINEL_SCHEME, sentinelOptions } from './sentinel-url.ts';

export { CLUSTER_SCHEME, clusterQueuePrefix, clusterUrl } from './cluster-url.ts';
export { SENTINEL_SCHEME, sentinelUrl } from './sentinel-url.ts';

/** A connection from createRedis: one server (or the primary Sentinel names), or a Redis Cluster. */
export type RedisClient = Redis | Cluster;

/**
 * Redis connections for BullMQ. Workers block on Redis and must retry forever
 * (`maxRetriesPerRequest: null`, a BullMQ requirement); producers fail fast so the gateway can
 * answer 503 instead of hanging when Redis is down. `url` is a `redis://` URL, a
 * `redis+sentinel://` one (see SENTINEL_SCHEME) or a `redis+cluster://` one (CLUSTER_SCHEME).
 * Every SAEQ connection is made here (or duplicated by duplicateRedis), so no connection site
 * needs to know which of the three it talks to.
 */
export function createRedis(url: string, role: 'worker' | 'producer', extra: RedisOptions = {}): RedisClient {
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
  if (url.startsWith(CLUSTER_SCHEME)) {
    const { nodes, redisOptions } = clusterOptions(new URL(url));
    // The cluster reconnects by itself (clusterRetryStrategy); BullMQ reads maxRetriesPerRequest
    // from redisOptions, the options of each node's connection.
    const {
      retryStrategy: _nodeRetry,
      enableOfflineQueue,
      lazyConnect,
      ...nodeOptions
    } = {
      ...common,
      ...roleOptions,
    };
    return new Cluster(nodes, {
      ...clusterDefaults,
      redisOptions: { ...redisOptions, ...nodeOptions },
      ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
      ...(lazyConnect === undefined ? {} : { lazyConnect }),
    });
  }
  if (url.startsWith(SENTINEL_SCHEME)) {
    return new Redis({ ...sentinelOptions(new URL(url)), ...common, ...roleOptions });
  }
  return new Redis(url, { ...common, ...roleOptions });
}

/**
 * A new connection like `client` with `overrides` (e.g. a subscriber that waits for Redis where
 * its parent fails fast). `Redis#duplicate` and `Cluster#duplicate` take different arguments.
 */
export function duplicateRedis(client: RedisClient, overrides: RedisOptions = {}): RedisClient {
  if (client instanceof Cluster) {
    const { enableOfflineQueue, ...nodeOverrides } = overrides;
    return client.duplicate(undefined, {
      redisOptions: { ...client.options.redisOptions, ...nodeOverrides },
      ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    });
  }
  return client.duplicate(overrides);
}

/** Waits until the client is connected, or rejects after `timeoutMs`. */
export async function waitForRedis(client: RedisClient, timeoutMs = 5000): Promise<void> {
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
export async function readMaxmemoryPolicy(client: RedisClient): Promise<string> {
  // On a cluster, CONFIG goes to one node: each primary must be configured alike.
  const node = client instanceof Cluster ? (client.nodes('master')[0] ?? client) : client;
  const reply = (await node.config('GET', 'maxmemory-policy')) as string[];
  return reply[1] ?? 'unknown';
}
