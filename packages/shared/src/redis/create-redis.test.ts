import { Cluster, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { clusterUrl, createRedis, duplicateRedis } from './index.ts';

// Options only: lazyConnect, nothing connects. The cluster itself is exercised end to end in
// services/gateway/test/redis-cluster-pipeline.int.test.ts.
const url = clusterUrl({ base: 'redis://:pw@ignored:6379', nodes: ['127.0.0.1:7000', '127.0.0.1:7001'] });
const lazy = { lazyConnect: true };

describe('createRedis on a redis+cluster:// URL', () => {
  it('opens a Cluster whose node connections carry BullMQ’s worker requirement', () => {
    const client = createRedis(url, 'worker', lazy);
    expect(client).toBeInstanceOf(Cluster);
    const options = (client as Cluster).options;
    expect(options.redisOptions).toMatchObject({ maxRetriesPerRequest: null, password: 'pw' });
    expect(options.enableOfflineQueue).toBe(true);
    client.disconnect();
  });

  it('makes producers fail fast: no offline queue, one retry per request', () => {
    const client = createRedis(url, 'producer', lazy) as Cluster;
    expect(client.options.enableOfflineQueue).toBe(false);
    expect(client.options.redisOptions).toMatchObject({ maxRetriesPerRequest: 1 });
    client.disconnect();
  });

  it('duplicates a cluster as a cluster with the overrides (a subscriber that waits for Redis)', () => {
    const producer = createRedis(url, 'producer', lazy);
    const subscriber = duplicateRedis(producer, { enableOfflineQueue: true, maxRetriesPerRequest: null });
    expect(subscriber).toBeInstanceOf(Cluster);
    expect((subscriber as Cluster).options.enableOfflineQueue).toBe(true);
    expect((subscriber as Cluster).options.redisOptions).toMatchObject({
      maxRetriesPerRequest: null,
      password: 'pw',
    });
    producer.disconnect();
    subscriber.disconnect();
  });

  it('keeps a plain redis:// URL a single connection', () => {
    const client = createRedis('redis://127.0.0.1:6379', 'producer', lazy);
    expect(client).toBeInstanceOf(Redis);
    const copy = duplicateRedis(client, { enableOfflineQueue: true });
    expect(copy).toBeInstanceOf(Redis);
    expect((copy as Redis).options.enableOfflineQueue).toBe(true);
    client.disconnect();
    copy.disconnect();
  });
});
