import { describe, expect, it } from 'vitest';
import { clusterOptions, clusterQueuePrefix, clusterUrl } from './cluster-url.ts';

describe('redis+cluster URLs', () => {
  it('round-trips the nodes and the data nodes credentials', () => {
    const url = clusterUrl({ base: 'redis://default:p%3Ass@x:1', nodes: ['10.0.0.1:7000', 'redis-1:7001'] });
    expect(clusterOptions(new URL(url))).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: 'redis-1', port: 7001 },
      ],
      redisOptions: { username: 'default', password: 'p:ss' },
    });
  });

  it('keeps TLS from a rediss:// base and defaults a node without port to 6379', () => {
    const url = clusterUrl({ base: 'rediss://h:6380', nodes: ['redis-0'] });
    expect(clusterOptions(new URL(url))).toEqual({
      nodes: [{ host: 'redis-0', port: 6379 }],
      redisOptions: { tls: {} },
    });
  });

  it('wraps a queue prefix in a hash tag once', () => {
    expect(clusterQueuePrefix('saeq')).toBe('{saeq}');
    expect(clusterQueuePrefix('{saeq}')).toBe('{saeq}');
  });
});
