/**
 * `pnpm start`: SAEQ on one machine in one command. Runs migrations, then the gateway and the
 * three workers as child processes: their compiled JavaScript (`pnpm start` builds first, and
 * runs this file compiled, scripts/dist/start.js), or their TypeScript sources under tsx when
 * this file itself runs from source (`pnpm dev`, which adds `--watch`; start-services.ts).
 * Without DATABASE_URL the database is embedded PGlite under DATA_DIR, shared with the children over a local Postgres-protocol socket. Without a Redis at
 * REDIS_URL, a local `redis-server` is spawned (data under DATA_DIR) when one is on PATH.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBootstrapKey, generateApiKey } from '@saeq/shared/auth';
import { createDb, embeddedDatabaseUrlFile } from '@saeq/shared/db';
import { parseEnv } from '@saeq/shared/env';
import { createRedis, readMaxmemoryPolicy, waitForRedis } from '@saeq/shared/redis';
import { servePglite } from './pglite-server.ts';
import { isWildcard, localAddress, StartEnv } from './start-env.ts';
import { GATEWAY_METRICS_PORT, serviceLaunches, startModeOf } from './start-services.ts';

const here = dirname(fileURLToPath(import.meta.url));
// scripts/start.ts, or compiled: scripts/dist/start.js.
const root = resolve(here, basename(here) === 'dist' ? '../..' : '..');
const mode = startModeOf(import.meta.url, process.argv.slice(2));
if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));

const env = parseEnv(StartEnv, process.env);
const dataDir = env.DATA_DIR; // absolute: relative paths are resolved from the repository root
mkdirSync(dataDir, { recursive: true });

const say = (msg: string) => process.stdout.write(`[saeq] ${msg}\n`);
const cleanups: (() => Promise<void> | void)[] = [];

async function redisAnswers(url: string): Promise<boolean> {
  const client = createRedis(url, 'producer', { lazyConnect: true, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function ensureRedis(): Promise<void> {
  if (await redisAnswers(env.REDIS_URL)) {
    say(`Redis: ${env.REDIS_URL}`);
  } else {
    const url = new URL(env.REDIS_URL);
    // Only a plain local Redis is started here; a Sentinel group or a cluster is the operator's.
    const local =
      url.protocol === 'redis:' && ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname);
    const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
    if (!local || !found) {
      process.stderr.write(
        `[saeq] Redis does not answer at ${env.REDIS_URL}.\n` +
          '       Start one (e.g. `redis-server --appendonly yes --maxmemory-policy noeviction`, or\n' +
          '       `apt-get install redis-server`, or `docker run -p 6379:6379 redis:7`) or set REDIS_URL.\n',
      );
      process.exit(1);
    }
    const redisDir = join(dataDir, 'redis');
    mkdirSync(redisDir, { recursive: true });
    const port = url.port || '6379';
    const child = spawn(
      found,
      [
        '--port',
        port,
        '--bind',
        '127.0.0.1',
        '--dir',
        redisDir,
        '--appendonly',
        'yes',
        '--maxmemory-policy',
        'noeviction',
        '--save',
        '',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    cleanups.push(() => {
      child.kill('SIGTERM');
    });
    for (let i = 0; i < 50 && !(await redisAnswers(env.REDIS_URL)); i++) await sleep(100);
    if (!(await redisAnswers(env.REDIS_URL))) {
      process.stderr.write(`[saeq] redis-server was started but does not answer at ${env.REDIS_URL}.\n`);
      await shutdown(1);
    }
    say(`Redis: started a local redis-server on port ${port} (data in ${redisDir})`);
  }
  const client = createRedis(env.REDIS_URL, 'producer');
  client.on('error', () => {});
  try {
    await waitForRedis(client);
    const policy = await readMaxmemoryPolicy(client);
    if (policy !== 'noeviction') {
      say(
        `WARNING: Redis maxmemory-policy is "${policy}". BullMQ needs "noeviction" or jobs can be silently lost.`,
      );
      say('         Fix: redis-cli CONFIG SET maxmemory-policy noeviction (and in redis.conf).');
    }
  } catch {
    say(
      'WARNING: could not read Redis maxmemory-policy (CONFIG may be disabled); make sure it is "noeviction".',
    );
  } finally {
    client.disconnect();
  }
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

/** Opens the database, migrates, ensures the admin key; returns the URL the children use. */
async function prepareDatabase(adminKey: string): Promise<{ databaseUrl: string; poolMax?: string }> {
  const db = await createDb({ databaseUrl: env.DATABASE_URL, dataDir });
  await db.migrate();
  await ensureBootstrapKey(db.db, adminKey, env.BOOTSTRAP_ORG);
  if (db.driver === 'pg' && env.DATABASE_URL) {
    await db.close();
    say('Database: Postgres at DATABASE_URL');
    // Each service's own DATABASE_POOL_MAX default (or the user's, in process.env) applies.
    return { databaseUrl: env.DATABASE_URL };
  }
  if (!db.pglite) {
    process.stderr.write(
      `[saeq] Another \`pnpm start\` already serves the database of ${dataDir}: stop it first, or set DATA_DIR.\n`,
    );
    await db.close();
    process.exit(1);
  }
  const port = env.PGLITE_PORT || (await freePort());
  const server = await servePglite({ db: db.pglite, host: '127.0.0.1', port, maxConnections: 64 });
  const databaseUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  // A service started on its own with the same DATA_DIR (scale-out) joins through the socket.
  writeFileSync(embeddedDatabaseUrlFile(dataDir), `${databaseUrl}\n`, { mode: 0o600 });
  cleanups.push(async () => {
    rmSync(embeddedDatabaseUrlFile(dataDir), { force: true });
    await server.stop();
    await db.close();
  });
  say(
    `Database: embedded PGlite in ${join(dataDir, 'pgdata')} (served to the services on 127.0.0.1:${port})`,
  );
  return { databaseUrl, poolMax: '4' };
}

function adminKeyFor(): { key: string; generated: boolean } {
  if (env.BOOTSTRAP_API_KEY) return { key: env.BOOTSTRAP_API_KEY, generated: false };
  const file = join(dataDir, 'admin-key');
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), generated: false };
  const key = generateApiKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, generated: true };
}

// Console (issue 11): the gateway serves apps/console/dist at '/'. Build it when it is missing or
// older than its sources; a failed build only warns (the API works without the console).
function buildConsoleIfStale(): void {
  const app = join(root, 'apps', 'console');
  const vite = join(app, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) return; // installed without dev dependencies: ship a built dist instead
  const newest = (p: string): number =>
    statSync(p).isDirectory()
      ? Math.max(0, ...readdirSync(p).map((f) => newest(join(p, f))))
      : statSync(p).mtimeMs;
  const sources = ['src', 'public', 'index.html', 'vite.config.ts']
    .map((f) => join(app, f))
    .filter(existsSync);
  const built = join(app, 'dist', 'index.html');
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newest))) return;
  say('Console: building apps/console (vite build)…');
  const build = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: app,
    stdio: 'inherit',
  });
  if (build.status !== 0) say('WARNING: the console build failed; the API works, the console at / does not.');
}

const children = new Map<string, ChildProcess>();
let stopping = false;

function startService(name: string, args: string[], childEnv: NodeJS.ProcessEnv, restarts = 0): void {
  // Node itself (not a tsx or pnpm wrapper): one process per service, signals reach it directly.
  const child = spawn(process.execPath, args, {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: root,
  });
  children.set(name, child);
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => `[${name}] ${l}\n`)
      .join('');
  child.stdout?.on('data', (c: Buffer) => process.stdout.write(prefix(c)));
  child.stderr?.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (stopping) return;
    if (restarts >= 5) {
      say(`${name} keeps exiting (code ${code}, signal ${signal}); stopping everything.`);
      void shutdown(1);
      return;
    }
    const delay = 500 * 2 ** restarts;
    say(`${name} exited (code ${code}, signal ${signal}); restarting in ${delay} ms`);
    setTimeout(() => startService(name, args, childEnv, restarts + 1), delay).unref();
  });
}

async function shutdown(code: number): Promise<never> {
  stopping = true;
  say('stopping…');
  const exits = [...children.values()].map(
    (c) => new Promise<void>((r) => (c.exitCode !== null ? r() : c.once('exit', () => r()))),
  );
  for (const c of children.values()) c.kill('SIGTERM');
  await Promise.race([Promise.all(exits), sleep(35_000)]);
  for (const c of children.values()) c.kill('SIGKILL');
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
  process.exit(code);
}

function metricsBase(port: string): string {
  return `http://${localAddress(process.env.METRICS_HOST ?? env.HOST)}:${port}`;
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

await ensureRedis();
const admin = adminKeyFor();
const { databaseUrl, poolMax } = await prepareDatabase(admin.key);
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_URL: databaseUrl,
  ...(poolMax ? { DATABASE_POOL_MAX: poolMax } : {}),
  BOOTSTRAP_API_KEY: admin.key,
  NODE_ENV: process.env.NODE_ENV ?? 'development',
  HOST: env.HOST,
  // The workers' /metrics and /health follow HOST unless set on their own.
  METRICS_HOST: process.env.METRICS_HOST ?? env.HOST,
  // One person on one machine polls a lot through the console: a roomier general budget than the
  // production default (100 per 15 min) unless one is set explicitly.
  RATE_LIMIT_GENERAL: process.env.RATE_LIMIT_GENERAL ?? '3000/900',
  RATE_LIMIT_READS: process.env.RATE_LIMIT_READS ?? '18000/900',
};
buildConsoleIfStale();
// METRICS_PORT set for pnpm start (e.g. 0 in tests) applies to every service.
say(
  mode.kind === 'compiled'
    ? 'Services: compiled JavaScript (services/*/dist)'
    : `Services: TypeScript sources under tsx${mode.watch ? ', restarted on change' : ''}`,
);
for (const s of serviceLaunches(root, mode)) startService(s.name, s.args, { ...s.env, ...childEnv });

const base = `http://${localAddress(env.HOST)}:${env.PORT}`;
for (let i = 0; i < 100; i++) {
  if (
    await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    )
  )
    break;
  await sleep(200);
}
say('');
say(`SAEQ is running: ${base}`);
say(
  isWildcard(env.HOST)
    ? `Listening on every interface (HOST=${env.HOST}): reachable from other machines.`
    : `Listening on ${env.HOST} only; HOST=0.0.0.0 exposes SAEQ to other machines.`,
);
say(`Admin API key${admin.generated ? ' (generated, saved in DATA_DIR/admin-key)' : ''}: ${admin.key}`);
say('Try:');
say(
  `  curl -s -H "Authorization: Bearer ${admin.key}" -F file=@fixtures/plans/sample-plan.pdf ${base}/v1/plans`,
);
say(`  curl -s -H "Authorization: Bearer ${admin.key}" ${base}/v1/plans`);
say(
  `Bull Board: ${base}/admin/queues (user: anything, password: the admin key above, which is also the operator's)`,
);
const gatewayMetricsPort = process.env.METRICS_PORT ?? GATEWAY_METRICS_PORT;
say(
  gatewayMetricsPort === '0'
    ? 'Metrics (Prometheus): each service on a free port (METRICS_PORT=0), logged as metricsPort'
    : `Metrics (Prometheus): ${metricsBase(gatewayMetricsPort)}/metrics for the gateway; the workers' on their METRICS_PORT (9101-9103)`,
);
