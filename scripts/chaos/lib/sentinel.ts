import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sentinelUrl } from '@saeq/shared/redis';
import { getFreePort } from '@saeq/testing';
import { Redis } from 'ioredis';
import { recordOwned } from './infra.ts';

/**
 * A Redis primary, one replica and three sentinels, each a real redis-server on its own port
 * (never the shared 6379), for failover tests. Persistence as production's compose file: AOF
 * `everysec` on both data nodes.
 */
export type SentinelGroup = {
  /** `redis+sentinel://` URL the services are given (createRedis follows the failover). */
  url: string;
  name: string;
  primaryPort: number;
  replicaPort: number;
  /** The port the sentinels currently name as primary. */
  currentPrimaryPort(): Promise<number>;
  /** SIGKILLs the current primary (no shutdown, no last write to disk). */
  killPrimary(): number;
  /** Resolves once the sentinels name another primary than `port`, and it accepts writes. */
  waitFailover(port: number, timeoutMs: number): Promise<number>;
  destroy(): Promise<void>;
};

const NAME = 'saeq';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startSentinelGroup(): Promise<SentinelGroup> {
  const dir = mkdtempSync(join(tmpdir(), 'saeq-chaos-sentinel-'));
  const children = new Map<number, ChildProcess>();
  const forgets: (() => void)[] = [];
  const serve = (port: number, args: string[]) => {
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    if (child.pid !== undefined)
      forgets.push(recordOwned({ kind: 'process', pid: child.pid, match: 'redis-server' }));
    children.set(port, child);
  };
  const dataNode = (port: number, extra: string[]) => {
    serve(port, [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--dir',
      dir,
      '--appendfilename',
      `aof-${port}.aof`,
      '--appenddirname',
      `aof-${port}`,
      '--maxmemory-policy',
      'noeviction',
      '--loglevel',
      'warning',
      ...extra,
    ]);
  };
  const [primaryPort, replicaPort, ...sentinelPorts] = (await Promise.all(
    Array.from({ length: 5 }, () => getFreePort()),
  )) as [number, number, number, number, number];
  dataNode(primaryPort, []);
  await until(() => ping(primaryPort), 15_000, 'primary');
  dataNode(replicaPort, ['--replicaof', '127.0.0.1', String(primaryPort)]);
  await until(
    async () => (await info(replicaPort, 'replication')).includes('master_link_status:up'),
    15_000,
    'replica in sync',
  );
  for (const port of sentinelPorts) {
    const conf = join(dir, `sentinel-${port}.conf`);
    // Quorum 2 of 3; a primary silent for 1 s is down; failovers may follow each other quickly.
    writeFileSync(
      conf,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${NAME} 127.0.0.1 ${primaryPort} 2`,
        `sentinel down-after-milliseconds ${NAME} 1000`,
        `sentinel failover-timeout ${NAME} 5000`,
        `sentinel parallel-syncs ${NAME} 1`,
        '',
      ].join('\n'),
    );
    serve(port, [conf, '--sentinel']);
  }
  const sentinels = sentinelPorts.map((p) => `127.0.0.1:${p}`);
  const currentPrimaryPort = async () => {
    for (const port of sentinelPorts) {
      // A sentinel not up yet answers nothing: ask the next.
      const reply = await onPort(port, (c) => c.call('SENTINEL', 'get-master-addr-by-name', NAME)).catch(
        () => null,
      );
      if (Array.isArray(reply)) return Number(reply[1]);
    }
    throw new Error('no sentinel answers');
  };
  // Every sentinel knows the replica before the test may kill anything.
  await until(
    async () => {
      for (const port of sentinelPorts) {
        const known = await onPort(port, async (c) => ({
          replicas: (await c.call('SENTINEL', 'replicas', NAME)) as unknown[],
          others: (await c.call('SENTINEL', 'sentinels', NAME)) as unknown[],
        }));
        if (known.replicas.length < 1 || known.others.length < 2) return false;
      }
      return true;
    },
    30_000,
    'sentinels aware of the replica and of each other',
  );

  return {
    url: sentinelUrl({ base: 'redis://127.0.0.1:6379', name: NAME, sentinels }),
    name: NAME,
    primaryPort,
    replicaPort,
    currentPrimaryPort,
    killPrimary() {
      children.get(primaryPort)?.kill('SIGKILL');
      return primaryPort;
    },
    async waitFailover(port, timeoutMs) {
      let promoted = port;
      await until(
        async () => {
          promoted = await currentPrimaryPort();
          if (promoted === port) return false;
          return (await info(promoted, 'replication')).includes('role:master');
        },
        timeoutMs,
        'failover',
      );
      return promoted;
    },
    async destroy() {
      for (const child of children.values()) child.kill('SIGKILL');
      await sleep(200);
      for (const forget of forgets) forget();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` on a short-lived connection to 127.0.0.1:port that never retries. */
async function onPort<T>(port: number, fn: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return await fn(client);
  } finally {
    client.disconnect();
  }
}

const ping = async (port: number) => (await onPort(port, (c) => c.ping())) === 'PONG';
const info = (port: number, section: string) => onPort(port, (c) => c.info(section)).catch(() => '');

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
