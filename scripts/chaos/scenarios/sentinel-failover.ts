import { startSentinelGroup } from '../lib/sentinel.ts';
import {
  type RedisFailoverOptions,
  type RedisFailoverReport,
  redisFailoverScenario,
} from './redis-failover.ts';

/**
 * Scenario: Redis behind Sentinel (a primary, a replica, three sentinels); the primary is
 * SIGKILLed while plans and agent runs arrive. The sentinels promote the replica; the gateway
 * and every worker follow it without a restart (createRedis asks the sentinels at each
 * reconnection). The rest, and what must hold: redis-failover.ts.
 */
export function sentinelFailoverScenario(opts: RedisFailoverOptions): Promise<RedisFailoverReport> {
  return redisFailoverScenario(
    'sentinel-failover',
    async () => {
      const group = await startSentinelGroup();
      const address = (port: number) => `127.0.0.1:${port}`;
      return {
        description: `primary ${group.primaryPort}, replica ${group.replicaPort}`,
        redisUrl: group.url,
        env: {},
        // One primary holds every key, whatever the prefix.
        killPrimary: () => address(group.killPrimary()),
        waitPromoted: async (_prefix, killed, timeoutMs) =>
          address(await group.waitFailover(Number(killed.split(':')[1]), timeoutMs)),
        destroy: () => group.destroy(),
      };
    },
    opts,
  );
}
