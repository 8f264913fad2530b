import { randomUUID } from 'node:crypto';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { resolveApiKey } from '@saeq/shared/auth';
import { createLogger } from '@saeq/shared/logger';
import { buildGatewayDeps } from '../build-deps.ts';
import type { McpStdioEnv } from './env.ts';
import { createSaeqMcpServer } from './server.ts';

/**
 * Runs the MCP server on stdin/stdout until stdin closes. stdout carries the protocol only:
 * logs go to stderr. Tools act with `SAEQ_API_KEY` (its organisation and scopes) straight on
 * the database, Redis and queues the gateway uses (no HTTP), so this process needs the same
 * DATABASE_URL / REDIS_URL / DATA_DIR as the services. Rate limits are not applied here: the
 * process is the key holder's own, on a trusted host; remote clients use `POST /mcp`.
 */
export async function runStdioMcpServer(env: McpStdioEnv): Promise<void> {
  const logger = createLogger({ service: 'mcp-stdio', level: env.LOG_LEVEL, destination: process.stderr });
  const deps = await buildGatewayDeps(env, logger);
  const auth = await resolveApiKey(deps.db.db, env.SAEQ_API_KEY);
  if (!auth) {
    await deps.close();
    throw new Error('SAEQ_API_KEY is not an active API key (create one with `pnpm saeq keys create`)');
  }
  const server = createSaeqMcpServer({
    deps,
    auth,
    lang: env.SAEQ_LANG,
    requestId: `mcp-${randomUUID()}`,
    limit: async () => {},
  });
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
  });
  await server.connect(new StdioServerTransport());
  // The client closing our stdin ends the session (the SDK transport does not watch for it).
  process.stdin.once('end', () => void server.close());
  logger.info({ organisationId: auth.organisationId, scopes: auth.scopes }, 'mcp stdio server ready');
  await closed;
  await deps.close();
}
