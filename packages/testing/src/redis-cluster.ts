import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getFreePort } from './ports.ts';

/**
 * A Redis Cluster of three primaries (by default without replicas), each a real `redis-server` on
 * its own loopback port (never the shared 6379), created by `redis-cli --cluster create` as an
 * operator would. For tests that run SAEQ on a cluster (issue 22): `env` is what a service needs.
 * With `replicasPerPrimary`, each primary gets replicas, and `killNode` + `waitPromoted` inject
 * a primary's loss and wait for the cluster to promote one of its replicas.
 */
export type TestRedisCluster = {
  /** `host:port` of every node (primaries and replicas, as created). */
  nodes: string[];
  /** The environment a service needs to use this cluster (REDIS_CLUSTER_NODES). */
  env: Record<string, string>;
  /** Runs `redis-cli` against the first node still running (e.g. `CLUSTER INFO`); returns its output. */
  cli(...args: string[]): string;
  /** `host:port` of the primary serving `key`'s slot now (`CLUSTER KEYSLOT`, `CLUSTER NODES`). */
  primaryFor(key: string): string;
  /** SIGKILLs the node's redis-server (no shutdown, no save): a crashed host. */
  killNode(node: string): void;
  /**
   * Waits until `key`'s slot is served by another primary than `killed` and every surviving node
   * reports `cluster_state:ok`; returns the new primary.
   */
  waitPromoted(key: string, killed: string, timeoutMs: number): Promise<string>;
  stop(): Promise<void>;
};

/** Whether `redis-server` and `redis-cli` are on PATH (tests skip with one line otherwise). */
export function hasRedisClusterBinaries(): boolean {
  return ['redis-server', 'redis-cli'].every(
    (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).status === 0,
  );
}

export async function startRedisCluster(
  primaries = 3,
  opts: { replicasPerPrimary?: number } = {},
): Promise<TestRedisCluster> {
  const replicas = opts.replicasPerPrimary ?? 0;
  const killed = new Set<string>();
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
      Array.from({ length: primaries * (1 + replicas) }, async () => ({
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
    const created = cli(nodes[0] ?? '', [
      '--cluster',
      'create',
      ...nodes,
      ...(replicas > 0 ? ['--cluster-replicas', String(replicas)] : []),
      '--cluster-yes',
    ]);
    if (created.status !== 0)
      throw new Error(`redis-cli --cluster create failed:\n${created.stdout}\n${created.stderr}`);
    // Every node agrees that all 16384 slots are served before anyone connects.
    for (const node of nodes)
      await until(() => cli(node, ['CLUSTER', 'INFO']).stdout.includes('cluster_state:ok'), 20_000, node);
    // Replicas have their primary's data before anyone relies on a failover.
    for (const node of nodes)
      await until(
        () => {
          const info = cli(node, ['INFO', 'replication']).stdout;
          return info.includes('role:master') || info.includes('master_link_status:up');
        },
        20_000,
        `${node} in sync`,
      );
    const live = () => nodes.filter((n) => !killed.has(n));
    const cliLive = (args: string[]) => cli(live()[0] ?? '', args).stdout;
    const primaryFor = (key: string): string => {
      const slot = Number(cliLive(['CLUSTER', 'KEYSLOT', key]).trim());
      const primary = primaryOfSlot(cliLive(['CLUSTER', 'NODES']), slot);
      if (!primary) throw new Error(`no primary serves slot ${slot}`);
      return primary;
    };
    return {
      nodes,
      env: { REDIS_CLUSTER_NODES: nodes.join(',') },
      cli: (...args) => cliLive(args),
      primaryFor,
      killNode: (node) => {
        const index = nodes.indexOf(node);
        const child = children[index];
        if (!child) throw new Error(`${node} is not a node of this cluster`);
        killed.add(node);
        child.kill('SIGKILL');
      },
      waitPromoted: async (key, lost, timeoutMs) => {
        let promoted = '';
        await until(
          () => {
            try {
              promoted = primaryFor(key);
            } catch {
              return false;
            }
            return (
              promoted !== lost &&
              live().every((n) => cli(n, ['CLUSTER', 'INFO']).stdout.includes('cluster_state:ok'))
            );
          },
          timeoutMs,
          `a replica of ${lost} to be promoted`,
        );
        return promoted;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * The `host:port` of the primary that serves `slot`, from `CLUSTER NODES` output: one line a
 * node, `<id> <ip:port@bus> <flags> <primary id> <ping> <pong> <epoch> <link> <slot ranges…>`.
 * A primary marked `fail` still lists its slots until a replica takes them over: skipped.
 */
export function primaryOfSlot(clusterNodes: string, slot: number): string | undefined {
  for (const line of clusterNodes.split('\n')) {
    const [, address = '', flags = '', , , , , , ...ranges] = line.trim().split(/\s+/);
    const roles = flags.split(',');
    if (!roles.includes('master') || roles.includes('fail') || roles.includes('fail?')) continue;
    for (const range of ranges) {
      if (range.startsWith('[')) continue; // a slot being migrated
      const [from = '', to = from] = range.split('-');
      if (slot >= Number(from) && slot <= Number(to)) return address.split('@')[0];
    }
  }
  return undefined;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
