import { createRoute, z } from '@hono/zod-openapi';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { GatewayDeps } from '../deps.ts';
import { createSaeqMcpServer } from '../mcp/server.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { documentedOnly, problems, requires, router } from '../openapi/route-kit.ts';

/** A JSON-RPC 2.0 message (or batch), for the document only: the MCP SDK reads and validates it. */
const JsonRpcMessage = documentedOnly(
  z.looseObject({
    jsonrpc: z.literal('2.0'),
    method: z.string().optional(),
    id: z.union([z.string(), z.number()]).optional(),
  }),
);

/**
 * `POST /mcp`: the MCP server over Streamable HTTP, stateless (a server and transport per
 * request, JSON answers; no session, so any gateway replica can answer). The API key is
 * checked as for /v1 and each request spends a point of the key's read budget; each tool then
 * checks its REST route's scope and spends what that route spends (a write point, an upload or
 * an agent-run point). GET and DELETE (SSE streams and sessions) are 405 in stateless mode.
 */
export function mcpRoutes(deps: GatewayDeps) {
  const app = router();
  const maxBytes = Math.floor(deps.env.MAX_UPLOAD_MB * 1024 * 1024);
  const route = createRoute({
    method: 'post',
    path: '/',
    summary: 'MCP server (Streamable HTTP, stateless): SAEQ’s tools for Claude and any MCP client',
    tags: ['mcp'],
    ...requires('any'),
    description:
      'Model Context Protocol endpoint. Any valid API key; each tool requires the scope of its REST route (calc, plans:read, plans:write, agents:run). Send `Accept: application/json, text/event-stream`.',
    middleware: [
      rateLimit(deps.rateLimits, 'reads'),
      // plan_submit carries a base64 PDF: the upload route's bound.
      limitBody(Math.ceil(maxBytes * 1.37) + 64 * 1024),
    ],
    request: { body: { required: true, content: { 'application/json': { schema: JsonRpcMessage } } } },
    responses: {
      200: {
        description: 'JSON-RPC response(s)',
        content: {
          'application/json': { schema: documentedOnly(z.looseObject({ jsonrpc: z.literal('2.0') })) },
        },
      },
      202: { description: 'Notification accepted' },
      ...problems,
      406: { description: 'Accept must include application/json and text/event-stream' },
    },
  });
  // The SDK validates the JSON-RPC body itself: the route must not consume or reject it first.
  app.openapi(route, async (c) => {
    const auth = c.get('auth');
    const limits = deps.rateLimits;
    const server = createSaeqMcpServer({
      deps,
      auth,
      lang: c.get('lang'),
      requestId: c.get('requestId'),
      limit: async (name) => {
        if (limits)
          await limits.consume(c, name, auth.id, auth.rateLimits?.[name as keyof typeof auth.rateLimits]);
      },
    });
    // No sessionIdGenerator: stateless mode.
    const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
    await server.connect(transport);
    try {
      return (await transport.handleRequest(c.req.raw)) as never;
    } finally {
      await server.close().catch(() => {});
    }
  });
  // No session, no server-initiated stream: the transport answers GET and DELETE with 405.
  for (const method of ['get', 'delete'] as const) {
    const statelessRoute = createRoute({
      method,
      path: '/',
      summary: `MCP ${method.toUpperCase()} (streams and sessions): 405, the server is stateless`,
      tags: ['mcp'],
      ...requires('any'),
      responses: {
        405: { description: 'Method not allowed: POST only (stateless Streamable HTTP)' },
        ...problems,
      },
    });
    // Answered here: the SDK's stateless transport would open an idle SSE stream for a GET.
    app.openapi(statelessRoute, (c) => {
      c.header('Allow', 'POST');
      return c.json(
        {
          jsonrpc: '2.0',
          error: { code: -32000, message: 'Method not allowed: stateless server, POST only.' },
          id: null,
        },
        405,
      ) as never;
    });
  }
  return app;
}
