import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { createDb } from '@saeq/shared/db';
import { getFreePort } from '@saeq/testing';
import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * Infrastructure the chaos scenarios own and break: a redis-server and a Postgres cluster on
 * their own ports and data directories, started, stopped and restarted by the test (never the
 * shared 6379 / 5432 the rest of the suite uses).
 */

const run = promisify(execFile);
const PG_BIN = '/usr/lib/postgresql/15/bin';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A ledger of what chaos runs started (processes by pid, Postgres data directories), one file
 * per item named after the owning test process. When a run dies without cleaning up (its runner
 * killed), the next run stops what the dead run left behind: only those processes, by pid, and
 * only if their command line is still the one recorded.
 */
const OWNED_DIR = join(tmpdir(), 'saeq-chaos-owned');

type OwnedEntry = { kind: 'process'; pid: number; match: string } | { kind: 'postgres'; data: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function recordOwned(entry: OwnedEntry): () => void {
  mkdirSync(OWNED_DIR, { recursive: true });
  const file = join(
    OWNED_DIR,
    `${process.pid}-${entry.kind === 'process' ? entry.pid : Buffer.from(entry.data).toString('hex').slice(-24)}`,
  );
  writeFileSync(file, JSON.stringify(entry));
  return () => rmSync(file, { force: true });
}

/** Stops what chaos runs whose process is gone left running. */
export async function reapStale(): Promise<string[]> {
  if (!existsSync(OWNED_DIR)) return [];
  const reaped: string[] = [];
  for (const name of readdirSync(OWNED_DIR)) {
    const owner = Number(name.split('-')[0]);
    if (!Number.isInteger(owner) || isAlive(owner)) continue;
    const file = join(OWNED_DIR, name);
    try {
      const entry = JSON.parse(readFileSync(file, 'utf8')) as OwnedEntry;
      if (entry.kind === 'process' && isAlive(entry.pid)) {
        const cmdline = readFileSync(`/proc/${entry.pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        if (cmdline.includes(entry.match)) {
          process.kill(entry.pid, 'SIGKILL');
          reaped.push(`pid ${entry.pid} (${entry.match})`);
        }
      } else if (entry.kind === 'postgres' && existsSync(join(entry.data, 'postmaster.pid'))) {
        await pgCtl(['-D', entry.data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
        rmSync(dirname(entry.data), { recursive: true, force: true });
        reaped.push(`postgres ${entry.data}`);
      }
    } catch {
      // Unreadable or already gone: nothing to stop.
    }
    rmSync(file, { force: true });
  }
  return reaped;
}

const asRoot = userInfo().uid === 0;
/** initdb and pg_ctl refuse to run as root: as root they run as the `postgres` system user. */
function pgRun(bin: string, args: string[]) {
  return asRoot
    ? run('runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args])
    : run(join(PG_BIN, bin), args);
}
const pgCtl = (args: string[]) => pgRun('pg_ctl', args);

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export type OwnRedis = {
  url: string;
  port: number;
  dir: string;
  /** Graceful stop (SIGTERM: Redis flushes the append-only file, then exits). */
  stop(): Promise<void>;
  /** SIGKILL: no flush, what the append-only file holds is what survives (a crash, an OOM kill). */
  kill(): Promise<void>;
  /** Starts again on the same port and data directory. */
  start(): Promise<void>;
  /** Keys in the database (to show data survived a restart). */
  dbsize(): Promise<number>;
  destroy(): Promise<void>;
};

/** How the own Redis keeps its data: AOF fsynced every second (production's), at every write, or not at all. */
export type RedisPersistence = 'everysec' | 'always' | 'none';

/**
 * A redis-server on its own port with AOF persistence (`appendfsync everysec`, no RDB, unless
 * `persistence` says otherwise), so jobs survive a restart as they do in production
 * (docker-compose runs Redis with AOF).
 */
export async function startOwnRedis(persistence: RedisPersistence = 'everysec'): Promise<OwnRedis> {
  const port = await getFreePort();
  const dir = mkdtempSync(join(tmpdir(), 'saeq-chaos-redis-'));
  let child: ChildProcess | null = null;
  let forget = () => {};
  const url = `redis://127.0.0.1:${port}`;
  const ping = async () => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } finally {
      client.disconnect();
    }
  };
  const start = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        persistence === 'none' ? 'no' : 'yes',
        '--appendfsync',
        persistence === 'none' ? 'everysec' : persistence,
        '--dir',
        dir,
        '--maxmemory-policy',
        'noeviction',
        '--loglevel',
        'warning',
      ],
      { stdio: 'ignore' },
    );
    const pid = child.pid;
    if (pid !== undefined) forget = recordOwned({ kind: 'process', pid, match: `redis-server` });
    await until(ping, 15_000, `redis-server on ${port}`);
  };
  const end = async (signal: NodeJS.Signals) => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(signal);
    await exited;
    forget();
    child = null;
  };
  const stop = () => end('SIGTERM');
  await start();
  return {
    url,
    port,
    dir,
    start,
    stop,
    kill: () => end('SIGKILL'),
    dbsize: async () => {
      const client = new Redis(url, { maxRetriesPerRequest: 1 });
      try {
        return await client.dbsize();
      } finally {
        client.disconnect();
      }
    },
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type OwnPostgres = {
  /** Connection string of the `saeq` database (migrated). */
  url: string;
  port: number;
  /** `pg_ctl stop -m fast`: open sessions are terminated, the server is down until `start()`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
};

/**
 * A throw-away Postgres 15 cluster (initdb + pg_ctl) on its own port. initdb refuses to run as
 * root, so as root the cluster is owned by and run as the `postgres` system user.
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const port = await getFreePort();
  const dir = mkdtempSync(join(tmpdir(), 'saeq-chaos-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pgRun = (bin: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args])
      : run(join(PG_BIN, bin), args);
  await pgRun('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '-N']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = async () => {
    await pgCtl(['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '60', 'start']);
  };
  const stop = async () => {
    if (!existsSync(join(data, 'postmaster.pid'))) return;
    await pgCtl(['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  };
  const forget = recordOwned({ kind: 'postgres', data });
  await start();
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE saeq');
  await admin.end();
  const url = `postgres://postgres@127.0.0.1:${port}/saeq`;
  const handle = await createDb({ databaseUrl: url, dataDir: '/nonexistent', poolMax: 2 });
  await handle.migrate();
  await handle.close();
  return {
    url,
    port,
    start,
    stop,
    destroy: async () => {
      await stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
      forget();
    },
  };
}
