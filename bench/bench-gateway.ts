import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApiKey, type Scope } from '@saeq/shared/auth';
import { createLogger } from '@saeq/shared/logger';
import { getFreePort, testRedisUrl, waitHealthy } from '@saeq/testing';
import { createApp } from '../services/gateway/src/app.ts';
import { buildGatewayDeps } from '../services/gateway/src/build-deps.ts';
import type { GatewayDeps } from '../services/gateway/src/deps.ts';
import { loadGatewayEnv } from '../services/gateway/src/env.ts';
import type { BenchEnv } from './worker-fleet.ts';

export type Listening = { port: number; url: string; close(): void };

/** Serves `fetch` with @hono/node-server on a free loopback port (the gateway's own adapter). */
export async function listenOnLoopback(
  fetch: (req: Request) => Response | Promise<Response>,
): Promise<Listening> {
  const server = serve({ fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

export type BenchGateway = Listening & {
  deps: GatewayDeps;
  /** A key of organisation `bench` with the scopes asked for. */
  key: string;
  organisationId: string;
  /** Stops serving and closes the gateway's clients (the environment is the caller's). */
  close(): Promise<void>;
};

/**
 * The real gateway in this process on a bench environment, every middleware on. Rate limits stay
 * on (their Redis round trip is part of every path measured) but never trip.
 */
export async function startBenchGateway(
  env: BenchEnv,
  opts: { scopes: Scope[]; env?: Record<string, string> },
): Promise<BenchGateway> {
  const never = '1000000000/60';
  const gatewayEnv = loadGatewayEnv({
    DATABASE_URL: env.db.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: env.prefix,
    DATA_DIR: env.dataDir,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_GENERAL: never,
    RATE_LIMIT_READS: never,
    RATE_LIMIT_AGENT_RUNS: never,
    RATE_LIMIT_UPLOADS: never,
    ...opts.env,
  });
  const deps = await buildGatewayDeps(gatewayEnv, createLogger({ service: 'bench', level: 'silent' }));
  const { key, organisationId } = await createApiKey(env.db.handle.db, { org: 'bench', scopes: opts.scopes });
  const listening = await listenOnLoopback(createApp(deps).fetch);
  return {
    ...listening,
    deps,
    key,
    organisationId,
    close: async () => {
      listening.close();
      await deps.close();
    },
  };
}

/**
 * Uploads `pdf` as a plan (multipart, as the console and the README's curl do) with `key`.
 * Returns the status, and the plan id when accepted (202); any other answer's body is read and
 * dropped.
 */
export async function uploadPlan(
  url: string,
  key: string,
  pdf: Uint8Array<ArrayBuffer>,
  filename: string,
): Promise<{ status: 202; id: string } | { status: number; id?: undefined }> {
  const form = new FormData();
  form.set('file', new File([pdf], filename, { type: 'application/pdf' }));
  const res = await fetch(`${url}/v1/plans`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${key}` },
  });
  if (res.status !== 202) {
    await res.text();
    return { status: res.status };
  }
  return { status: 202, id: ((await res.json()) as { id: string }).id };
}

export type GatewayProcess = {
  url: string;
  pid: number;
  /** What the process printed, for errors. */
  output(): string;
  stop(): Promise<void>;
};

/**
 * The gateway as production runs it: its own process (`GATEWAY_PROCESSES` of them sharing one
 * port through node:cluster when > 1), from `checkout` (another worktree of this repository runs
 * its own code: a before/after pair in one run). The key is made by BOOTSTRAP_API_KEY; limits
 * never trip.
 */
export async function spawnGateway(opts: {
  checkout: string;
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  dataDir: string;
  key: string;
  processes: number;
  env?: Record<string, string>;
}): Promise<GatewayProcess> {
  const port = await getFreePort();
  const never = '1000000000/60';
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(opts.checkout, 'services', 'gateway', 'src', 'main.ts')],
    {
      cwd: opts.checkout,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        DATABASE_URL: opts.databaseUrl,
        REDIS_URL: opts.redisUrl,
        QUEUE_PREFIX: opts.prefix,
        DATA_DIR: opts.dataDir,
        HOST: '127.0.0.1',
        PORT: String(port),
        BOOTSTRAP_API_KEY: opts.key,
        GATEWAY_PROCESSES: String(opts.processes),
        RATE_LIMIT_GENERAL: never,
        RATE_LIMIT_READS: never,
        RATE_LIMIT_AGENT_RUNS: never,
        RATE_LIMIT_UPLOADS: never,
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const collect = (c: Buffer) => {
    out += c.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  try {
    // Generous: on a loaded machine loading the gateway under tsx alone can take minutes.
    await waitHealthy(`${url}/health`, 300_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`gateway did not start: ${String(err)}\n${out}`);
  }
  return {
    url,
    pid: child.pid ?? 0,
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      child.kill('SIGKILL');
    },
  };
}
