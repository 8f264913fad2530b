import { parseEnv } from '@saeq/shared/env';
import { z } from 'zod';
import { GatewayEnv } from '../env.ts';

/** The variables only `pnpm saeq mcp` reads (listed apart in docs/configuration.md). */
export const McpStdioOwnEnv = z.object({
  /** `saeq mcp` (stdio): the API key whose organisation and scopes the MCP tools act with. */
  SAEQ_API_KEY: z.string().min(16),
  /** `saeq mcp` (stdio): language of structured results and errors (text summaries are French). */
  SAEQ_LANG: z.enum(['fr', 'en']).default('fr'),
});

/**
 * `pnpm saeq mcp` (stdio): the gateway's variables (database, Redis, data directory) plus the
 * API key the tools act with and the language of their structured results.
 */
export const McpStdioEnv = GatewayEnv.extend(McpStdioOwnEnv.shape);
export type McpStdioEnv = z.infer<typeof McpStdioEnv>;

export function loadMcpStdioEnv(source: Record<string, string | undefined> = process.env): McpStdioEnv {
  return parseEnv(McpStdioEnv, source);
}
