import { serve } from '@hono/node-server';
import { ensureBootstrapKey } from '@saeq/shared/auth';
import { createLogger } from '@saeq/shared/logger';
import { createApp } from './app.ts';
import { buildGatewayDeps } from './build-deps.ts';
import { loadGatewayEnv } from './env.ts';

const env = loadGatewayEnv();
const logger = createLogger({
  fileDir: env.LOG_FILE_DIR,
  fileMaxSize: env.LOG_FILE_MAX_SIZE,
  fileCount: env.LOG_FILE_COUNT,
  service: 'gateway',
  level: env.LOG_LEVEL,
  pretty: env.LOG_PRETTY ?? env.NODE_ENV === 'development',
  version: env.SERVICE_VERSION,
});

const deps = await buildGatewayDeps(env, logger);
await deps.db.migrate();
if (env.BOOTSTRAP_API_KEY) await ensureBootstrapKey(deps.db.db, env.BOOTSTRAP_API_KEY, env.BOOTSTRAP_ORG);

const app = createApp(deps);
const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
  logger.info({ host: env.HOST, port: info.port }, 'gateway listening');
});
// Slow clients must not hold sockets forever (slowloris): bound headers, whole requests, idle keep-alive.
if ('headersTimeout' in server) {
  server.headersTimeout = env.HTTP_HEADERS_TIMEOUT_MS;
  server.requestTimeout = env.HTTP_REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = env.HTTP_KEEP_ALIVE_TIMEOUT_MS;
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'gateway shutting down: finishing in-flight requests');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const forced = new Promise<void>((resolve) => setTimeout(resolve, 25_000).unref());
  await Promise.race([closed, forced]);
  await deps.close();
  logger.info('gateway stopped');
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
