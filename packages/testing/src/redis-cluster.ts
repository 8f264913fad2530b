import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getFreePort } from './ports.ts';

/**
 * A Redis Cluster of three primaries (no replicas), each a real `redis-server` on its own
 * loopback port (never the shared 6379), created by `redis-cli --cluster create` as an operator
 * would. For tests that run SAEQ on a cluster (issue 22): `env` is what a service needs.
 */
export type TestRedisCluster = {
  /** `host:port` of each primary. */
  nodes: string[];
  /** The environment a service needs to use this cluster (REDIS_CLUSTER_NODES). */
  env: Record<string, string>;
  /** Runs `redis-cli` against the first node (e.g. `CLUSTER INFO`); returns its output. */
  cli(...args: string[]): string;
  stop(): Promise<void>;
};

/** Whether `redis-server` and `redis-cli` are on PATH (tests skip with one line otherwise). */
export function hasRedisClusterBinaries(): boolean {
  return ['redis-server', 'redis-cli'].every(
    (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).status === 0,
  );
}

export async function startRedisCluster(primaries = 3): Promise<TestRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'saeq-redis-cluster-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(
      children.map((c) =>
        c.exitCode !== null || c.signalCode !== null ? null : new Promise((r) => c.once('exit', r)),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Data port and cluster-bus port each picked free (the default bus port, data port + 10000,
    // may be taken or out of range).
    const ports = await Promise.all(
      Array.from({ length: primaries }, async () => ({
        port: await getFreePort(),
        bus: await getFreePort(),
      })),
    );
    for (const { port, bus } of ports) {
      const child = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--cluster-port',
          String(bus),
          '--bind',
          '127.0.0.1',
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          `nodes-${port}.conf`,
          '--cluster-node-timeout',
          '2000',
          '--dir',
          dir,
          '--save',
          '',
          '--appendonly',
          'no',
          '--maxmemory-policy',
          'noeviction',
          '--loglevel',
          'warning',
        ],
        { stdio: 'ignore' },
      );
      children.push(child);
    }
    const nodes = ports.map(({ port }) => `127.0.0.1:${port}`);
    const cli = (host: string, args: string[]) =>
      spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', host.split(':')[1] ?? '', ...args], {
        encoding: 'utf8',
        timeout: 20_000,
      });
    for (const node of nodes) await until(() => cli(node, ['PING']).stdout.trim() === 'PONG', 10_000, node);
    const created = cli(nodes[0] ?? '', ['--cluster', 'create', ...nodes, '--cluster-yes']);
    if (created.status !== 0)
      throw new Error(`redis-cli --cluster create failed:\n${created.stdout}\n${created.stderr}`);
    // Every node agrees that all 16384 slots are served before anyone connects.
    for (const node of nodes)
      await until(() => cli(node, ['CLUSTER', 'INFO']).stdout.includes('cluster_state:ok'), 20_000, node);
    return {
      nodes,
      env: { REDIS_CLUSTER_NODES: nodes.join(',') },
      cli: (...args) => cli(nodes[0] ?? '', args).stdout,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
