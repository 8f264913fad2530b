import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BaseEnv, EnvError, parseEnv, repoRoot } from './index.ts';

describe('BaseEnv', () => {
  it('resolves a relative DATA_DIR from the repository root, whatever the working directory', () => {
    expect(existsSync(join(repoRoot, 'pnpm-workspace.yaml'))).toBe(true);
    expect(process.cwd()).not.toBe(join(repoRoot, 'packages/shared')); // vitest runs from the root…
    process.chdir(join(repoRoot, 'packages/shared')); // …so move, as `pnpm --filter` would
    try {
      expect(parseEnv(BaseEnv, {}).DATA_DIR).toBe(join(repoRoot, 'data'));
      expect(parseEnv(BaseEnv, { DATA_DIR: 'var/plans' }).DATA_DIR).toBe(join(repoRoot, 'var/plans'));
    } finally {
      process.chdir(repoRoot);
    }
    expect(parseEnv(BaseEnv, { DATA_DIR: '/srv/saeq' }).DATA_DIR).toBe('/srv/saeq');
  });

  it('refuses NODE_ENV=production without DATABASE_URL, naming the variable and the way out', () => {
    expect(() => parseEnv(BaseEnv, { NODE_ENV: 'production' })).toThrow(EnvError);
    expect(() => parseEnv(BaseEnv, { NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL: required when NODE_ENV=production .*embedded database/s,
    );
    // An empty value is unset.
    expect(() => parseEnv(BaseEnv, { NODE_ENV: 'production', DATABASE_URL: '' })).toThrow(/DATABASE_URL/);
  });

  it('accepts production with DATABASE_URL, and development or test without it', () => {
    const url = 'postgres://saeq@db:5432/saeq';
    expect(parseEnv(BaseEnv, { NODE_ENV: 'production', DATABASE_URL: url }).DATABASE_URL).toBe(url);
    expect(parseEnv(BaseEnv, {}).DATABASE_URL).toBeUndefined();
    expect(parseEnv(BaseEnv, { NODE_ENV: 'test' }).NODE_ENV).toBe('test');
  });

  it('folds REDIS_CLUSTER_NODES into a redis+cluster:// URL and wraps QUEUE_PREFIX in a hash tag', () => {
    const env = parseEnv(BaseEnv, {
      REDIS_URL: 'redis://saeq:s%40cret@ignored:6379',
      REDIS_CLUSTER_NODES: 'redis-0:6379,redis-1:6380',
      QUEUE_PREFIX: 'prod',
    });
    expect(env.QUEUE_PREFIX).toBe('{prod}');
    const url = new URL(env.REDIS_URL);
    expect(url.protocol).toBe('redis+cluster:');
    expect(url.searchParams.get('nodes')).toBe('redis-0:6379,redis-1:6380');
    expect([url.username, decodeURIComponent(url.password)]).toEqual(['saeq', 's@cret']);
    // Without cluster nodes nothing changes.
    expect(parseEnv(BaseEnv, { QUEUE_PREFIX: 'prod' }).QUEUE_PREFIX).toBe('prod');
  });

  it('refuses Sentinel and Cluster together, and a node list that is not host:port', () => {
    expect(() => parseEnv(BaseEnv, { REDIS_SENTINELS: 'a:26379', REDIS_CLUSTER_NODES: 'b:6379' })).toThrow(
      /REDIS_SENTINELS, REDIS_CLUSTER_NODES: set one or the other/,
    );
    expect(() => parseEnv(BaseEnv, { REDIS_CLUSTER_NODES: 'redis-0' })).toThrow(/REDIS_CLUSTER_NODES/);
  });
});
