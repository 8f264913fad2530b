import { startRedisCluster } from '@saeq/testing';
import {
  type RedisFailoverOptions,
  type RedisFailoverReport,
  redisFailoverScenario,
} from './redis-failover.ts';

/**
 * Scenario: Redis Cluster of three primaries with a replica each; the primary serving SAEQ's slot
 * (every key shares the hash tag `{QUEUE_PREFIX}`, so one primary holds all of them) is SIGKILLed
 * while plans and agent runs arrive. The cluster promotes its replica after
 * `cluster-node-timeout` (2 s here); the gateway's and workers' cluster clients learn the new slot
 * map and carry on without a restart. The rest, and what must hold: redis-failover.ts.
 */
export function clusterFailoverScenario(opts: RedisFailoverOptions): Promise<RedisFailoverReport> {
  return redisFailoverScenario(
    'cluster-failover',
    async () => {
      const cluster = await startRedisCluster(3, { replicasPerPrimary: 1 });
      // The queue prefix becomes this hash tag (clusterQueuePrefix, packages/shared/src/redis).
      const tag = (prefix: string) => `{${prefix}}`;
      return {
        description: `3 primaries + 3 replicas (${cluster.nodes.join(', ')})`,
        // REDIS_URL gives only credentials (none here); REDIS_CLUSTER_NODES makes each service a
        // cluster client and wraps QUEUE_PREFIX in the hash tag (packages/shared/src/env).
        redisUrl: 'redis://127.0.0.1:6379',
        env: cluster.env,
        killPrimary: (prefix) => {
          const primary = cluster.primaryFor(tag(prefix));
          cluster.killNode(primary);
          return primary;
        },
        waitPromoted: (prefix, killed, timeoutMs) => cluster.waitPromoted(tag(prefix), killed, timeoutMs),
        destroy: () => cluster.stop(),
      };
    },
    opts,
  );
}
