import type { ClusterOptions, RedisOptions } from 'ioredis';

/**
 * A Redis Cluster, written as one URL so that every place holding "the Redis URL" (env, worker
 * options, logs without secrets) works unchanged, as with Sentinel:
 * `redis+cluster://[user:password@]<first node>?nodes=host:port,host:port[&tls=1]`.
 * The nodes are only where the client starts: it learns the slot map from any of them and
 * follows MOVED/ASK redirections and failovers by itself.
 */
export const CLUSTER_SCHEME = 'redis+cluster:';

type NodeAddress = { host: string; port: number };

/** The `redis+cluster://` URL of `nodes`, keeping `base`'s credentials (and TLS for `rediss:`). */
export function clusterUrl(opts: { base: string; nodes: string[] }): string {
  const base = new URL(opts.base);
  const [first] = opts.nodes;
  if (!first) throw new Error('a Redis Cluster needs at least one node');
  const url = new URL(`${CLUSTER_SCHEME}//${first}`);
  url.username = base.username;
  url.password = base.password;
  url.searchParams.set('nodes', opts.nodes.join(','));
  if (base.protocol === 'rediss:') url.searchParams.set('tls', '1');
  return url.toString();
}

/** The startup nodes and per-node options of a `redis+cluster://` URL. */
export function clusterOptions(url: URL): { nodes: NodeAddress[]; redisOptions: RedisOptions } {
  const nodes = (url.searchParams.get('nodes') ?? url.host).split(',').filter(Boolean).map(parseAddress);
  if (nodes.length === 0) throw new Error('redis+cluster URL without nodes');
  return {
    nodes,
    redisOptions: {
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.searchParams.get('tls') === '1' ? { tls: {} } : {}),
    },
  };
}

/** Cluster-level options every SAEQ connection shares (the role-specific ones are set by createRedis). */
export const clusterDefaults: ClusterOptions = {
  // Ask the nodes again, forever with a capped backoff, when none answers (all restarted).
  clusterRetryStrategy: (times) => Math.min(times * 200, 2000),
  // A primary lost: its replica takes over within cluster-node-timeout; retry meanwhile.
  retryDelayOnClusterDown: 300,
  retryDelayOnFailover: 200,
};

/**
 * BullMQ's key prefix for a cluster: wrapped in a hash tag (`{saeq}`) so that every key of every
 * queue hashes to one slot. BullMQ's Lua scripts touch several keys of a queue at once, and a
 * flow's child touches its parent's keys, which may sit in another queue; our own scripts (the
 * gateway's rate limits, the reconcile locks) use the same prefix. So every SAEQ key shares one
 * slot, hence one primary: Cluster here buys failover, not sharding of the queues.
 */
export function clusterQueuePrefix(prefix: string): string {
  return prefix.startsWith('{') ? prefix : `{${prefix}}`;
}

function parseAddress(address: string): NodeAddress {
  const at = address.lastIndexOf(':');
  return at === -1
    ? { host: address, port: 6379 }
    : { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
}
