import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiKey } from '@saeq/shared/auth';
import { createLogger } from '@saeq/shared/logger';
import {
  createTestDatabase,
  deleteQueuePrefix,
  getFreePort,
  type RunningService,
  type ServiceName,
  startService,
  type TestDatabase,
  testRedisUrl,
  uniqueName,
  waitHealthy,
} from '@saeq/testing';
import { createApp, type GatewayApp } from '../src/app.ts';
import { buildGatewayDeps } from '../src/build-deps.ts';
import type { GatewayDeps } from '../src/deps.ts';
import { loadGatewayEnv } from '../src/env.ts';

export type TestGateway = {
  app: GatewayApp;
  deps: GatewayDeps;
  db: TestDatabase;
  prefix: string;
  dataDir: string;
  /**
   * Keys of two organisations (admin scope), a read-only key of the first, and the platform
   * operator's (Bull Board, /health/detailed).
   */
  keys: { acme: string; other: string; acmeReadOnly: string; operator: string };
  close(): Promise<void>;
};

/**
 * The gateway app in-process on the real Postgres (fresh database) and Redis (unique prefix).
 * `databaseUrl` rewrites the URL the gateway connects with (e.g. through a proxy a test can cut);
 * the test's own handle (`db.handle`) always connects directly.
 */
export async function startTestGateway(
  env: Record<string, string> = {},
  opts: { databaseUrl?: (url: string) => string } = {},
): Promise<TestGateway> {
  const db = await createTestDatabase();
  const prefix = uniqueName('gw');
  const dataDir = mkdtempSync(join(tmpdir(), 'saeq-gw-'));
  const gatewayEnv = loadGatewayEnv({
    DATABASE_URL: opts.databaseUrl ? opts.databaseUrl(db.url) : db.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: prefix,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...env,
  });
  const logger = createLogger({ service: 'gateway-test', level: 'silent' });
  const deps = await buildGatewayDeps(gatewayEnv, logger);
  const acme = await createApiKey(db.handle.db, { org: 'acme', scopes: ['admin'] });
  const other = await createApiKey(db.handle.db, { org: 'other', scopes: ['admin'] });
  const acmeReadOnly = await createApiKey(db.handle.db, { org: 'acme', scopes: ['plans:read'] });
  const operator = await createApiKey(db.handle.db, { org: 'platform', scopes: ['operator'] });
  return {
    app: createApp(deps),
    deps,
    db,
    prefix,
    dataDir,
    keys: { acme: acme.key, other: other.key, acmeReadOnly: acmeReadOnly.key, operator: operator.key },
    close: async () => {
      await deps.close();
      await db.drop();
      await deleteQueuePrefix(prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function bearer(key: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${key}`, ...extra };
}

/** A worker to start, with environment variables of its own on top of the gateway's. */
export type WorkerSpec = ServiceName | { name: ServiceName; env: Record<string, string> };
export type RunningWorkers = { services: RunningService[]; stop(): Promise<void> };

/**
 * Worker processes on the gateway's Postgres database, Redis prefix and data directory, each
 * metrics port free; resolves once every one answers /health/ready.
 */
export async function startWorkers(
  gw: TestGateway,
  specs: WorkerSpec[],
  opts: { readyTimeoutMs?: number } = {},
): Promise<RunningWorkers> {
  const started = await Promise.all(
    specs.map(async (spec) => {
      const { name, env } = typeof spec === 'string' ? { name: spec, env: {} } : spec;
      const port = await getFreePort();
      const service = startService(name, {
        DATABASE_URL: gw.db.url,
        REDIS_URL: testRedisUrl,
        QUEUE_PREFIX: gw.prefix,
        DATA_DIR: gw.dataDir,
        METRICS_HOST: '127.0.0.1',
        METRICS_PORT: String(port),
        ...env,
      });
      return { service, port };
    }),
  );
  const services = started.map((s) => s.service);
  const stop = async () => {
    for (const s of services) s.kill('SIGTERM');
    await Promise.all(services.map((s) => s.exited));
  };
  try {
    await Promise.all(
      started.map((s) =>
        waitHealthy(`http://127.0.0.1:${s.port}/health/ready`, opts.readyTimeoutMs ?? 30_000),
      ),
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { services, stop };
}
