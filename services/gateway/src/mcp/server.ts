import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { type McpToolContext, registerSaeqTools } from './tools.ts';

/**
 * An MCP server exposing SAEQ's tools for one caller (its API key, scopes and language). Both
 * transports build one: stdio once per process (`pnpm saeq mcp`), Streamable HTTP once per
 * request (`POST /mcp`, stateless).
 */
export function createSaeqMcpServer(ctx: McpToolContext): McpServer {
  const server = new McpServer(
    { name: 'saeq', version: ctx.deps.env.SERVICE_VERSION },
    {
      capabilities: { tools: {} },
      instructions:
        'Outils SAEQ : calculs du Code de construction du Québec (chapitre V), analyse de plans électriques PDF, ' +
        'conformité, bordereaux de matériel chiffrés et agents spécialisés. Les résultats sont une aide à la ' +
        'vérification et à l’estimation, jamais une certification.',
    },
  );
  registerSaeqTools(server, ctx);
  return server;
}
