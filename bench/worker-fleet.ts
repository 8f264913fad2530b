import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  createTestDatabase,
  deleteQueuePrefix,
  getFreePort,
  type RunningService,
  startService,
  type TestDatabase,
  testRedisUrl,
  uniqueName,
  waitHealthy,
} from '@saeq/testing';
import { serviceProcessEnv } from '../scripts/start-services.ts';

/**
 * What the pipeline benchmarks (bench/pipeline.ts, bench/pdf-pipeline.ts) share: a fresh
 * database, queue prefix and data directory; real worker processes started as in production;
 * and the memory readings of a process (/proc) and of poppler (GNU time).
 */
export type BenchEnv = { db: TestDatabase; prefix: string; dataDir: string };

export async function benchEnvironment(name: string): Promise<BenchEnv> {
  return {
    db: await createTestDatabase(),
    prefix: uniqueName(`bench_${name}`),
    dataDir: mkdtempSync(join(tmpdir(), `saeq-bench-${name}-`)),
  };
}

/** Kills the services and removes the database, the queues and the data directory. */
export async function disposeBenchEnvironment(env: BenchEnv, services: RunningService[]): Promise<void> {
  for (const s of services) s.kill('SIGKILL');
  await Promise.all(services.map((s) => s.exited));
  await env.db.drop();
  await deleteQueuePrefix(env.prefix);
  rmSync(env.dataDir, { recursive: true, force: true });
}

/** Starts a worker process on the environment and waits until it reports ready. */
export async function startBenchWorker(
  env: BenchEnv,
  name: 'worker-pdf' | 'worker-bom',
  extra: Record<string, string> = {},
  /** Compiled (default): dist/main.js as production runs it (`pnpm bench` builds first); else the sources under tsx. */
  opts: { compiled?: boolean } = { compiled: true },
): Promise<{ service: RunningService; port: number }> {
  const port = await getFreePort();
  const processEnv = {
    DATABASE_URL: env.db.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: env.prefix,
    DATA_DIR: env.dataDir,
    METRICS_PORT: String(port),
    METRICS_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // The process environment `pnpm start` gives the service (glibc tunables).
    ...serviceProcessEnv[name],
    ...extra,
  };
  // An empty value in `extra` removes the variable (comparisons without a tunable).
  const service = startService(
    name,
    Object.fromEntries(Object.entries(processEnv).filter(([, value]) => value !== '')),
    opts,
  );
  await waitHealthy(`http://127.0.0.1:${port}/health/ready`, 120_000);
  return { service, port };
}

/** A process's current (`VmRSS`) or peak (`VmHWM`) resident set, in KB. */
export const procKb = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

/**
 * CPU time a process has used so far (user + system, all its threads: /proc/<pid>/stat fields
 * 14 and 15, in clock ticks of 1/100 s on Linux), in seconds. Unlike wall time it hardly moves
 * with the machine's load, so capacity per core can be derived from it.
 */
export function procCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), from field 3 on.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const run = promisify(execFile);

/** Peak RSS of `pdftocairo -svg` on `file`, in MB (GNU time's %M: the child's maximum RSS, KB). */
export async function pdftocairoPeakMb(file: string, outDir: string): Promise<number> {
  const { stderr } = await run('/usr/bin/time', [
    '-f',
    '%M',
    'pdftocairo',
    '-svg',
    file,
    join(outDir, 'out.svg'),
  ]);
  return Number(stderr.trim().split('\n').at(-1)) / 1024;
}
