import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { calculations, dwellingLoad } from '@saeq/electrical-code';
import { repoRoot, testRedisUrl, waitFor } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type RunningWorkers, startTestGateway, startWorkers, type TestGateway } from './harness.ts';

// Issue 19 part 4: the MCP server driven by the SDK's own Client over both transports —
// Streamable HTTP (POST /mcp on the in-process gateway) and stdio (`saeq mcp` as a child
// process) — on the real Postgres, Redis and a real worker-pdf process.

let gw: TestGateway;
let workers: RunningWorkers | undefined;
beforeAll(async () => {
  // One agent run a minute: the second agent_run_start shows the route's limit applies.
  gw = await startTestGateway({ RATE_LIMIT_AGENT_RUNS: '1/60' });
  workers = await startWorkers(gw, ['worker-pdf'], { readyTimeoutMs: 90_000 });
}, 120_000);
afterAll(async () => {
  await workers?.stop();
  await gw?.close();
});

const pdf = readFileSync(join(repoRoot, 'fixtures/plans/sample-plan.pdf'));
const truth = JSON.parse(readFileSync(join(repoRoot, 'fixtures/plans/sample-plan.truth.json'), 'utf8')) as {
  counts: { byType: Record<string, number> };
};

/** The in-process gateway as the HTTP transport's fetch: requests go through every middleware. */
function httpTransport(key: string, lang?: 'en'): Transport {
  return new StreamableHTTPClientTransport(new URL('http://gateway.test/mcp'), {
    requestInit: { headers: bearer(key, lang ? { 'accept-language': lang } : {}) },
    fetch: async (url, init) => gw.app.request(String(url), init as RequestInit),
  });
}

function stdioTransport(key: string): StdioClientTransport {
  return new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', join(repoRoot, 'scripts/saeq.ts'), 'mcp'],
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: gw.db.url,
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: gw.prefix,
      DATA_DIR: gw.dataDir,
      LOG_LEVEL: 'info',
      SAEQ_API_KEY: key,
    },
    stderr: 'pipe',
  });
}

async function connect(transport: Transport): Promise<Client> {
  const client = new Client({ name: 'saeq-test', version: '0.0.0' });
  await client.connect(transport);
  return client;
}

type ToolResult = {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: unknown;
};
const call = async (client: Client, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as ToolResult;

const expectedTools = [
  'calc_dwelling_load',
  'calc_apartment_load',
  'calc_conductor_size',
  'calc_voltage_drop',
  'calc_box_fill',
  'rules_list',
  'plan_submit',
  'plan_status',
  'plan_analysis',
  'plan_compliance',
  'plan_bom',
  'bom_build',
  'bom_fetch',
  'agent_run_start',
  'agent_run_fetch',
  'knowledge_search',
];

/** The acceptance walk on one transport: tools listed, a calculation, a plan submitted and its analysis read. */
async function walk(client: Client) {
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name).sort()).toEqual([...expectedTools].sort());
  // Input schemas are the REST routes' zod schemas: the dwelling calculation's fields are there.
  const dwellingTool = tools.find((t) => t.name === 'calc_dwelling_load');
  expect(Object.keys(dwellingTool?.inputSchema.properties ?? {})).toContain('livingAreaM2');

  const input = { livingAreaM2: 90, edition: '2018' };
  const calc = await call(client, 'calc_dwelling_load', input);
  expect(calc.isError).toBeFalsy();
  // Same answer as POST /v1/calculations/dwelling-load (French by default).
  expect(calc.structuredContent).toEqual(
    JSON.parse(
      JSON.stringify(dwellingLoad(calculations['dwelling-load'].input.parse(input), { lang: 'fr' })),
    ),
  );
  expect(calc.content[0]?.text).toMatch(/^Calcul dwelling-load \(CEQ 2018\).*8-200/);

  const bad = await call(client, 'calc_dwelling_load', { livingAreaM2: -5 });
  expect(bad.isError).toBe(true);

  // The same search as GET /v1/knowledge/search: a rule number finds its entry first.
  const norms = await call(client, 'knowledge_search', { q: '8-200', limit: 3 });
  expect(norms.isError).toBeFalsy();
  const hits = (norms.structuredContent as { results: { reference: string }[] }).results;
  expect(hits[0]?.reference).toContain('8-200');
  expect(norms.content[0]?.text).toContain('8-200');

  const submitted = await call(client, 'plan_submit', {
    filename: 'sample-plan.pdf',
    contentBase64: pdf.toString('base64'),
  });
  expect(submitted.isError).toBeFalsy();
  const { id } = submitted.structuredContent as { id: string };
  await waitFor(
    async () => {
      const status = await call(client, 'plan_status', { id });
      const view = status.structuredContent as { stages: { analysis: { status: string } } };
      return ['completed', 'failed'].includes(view.stages.analysis.status) ? view : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 500, what: 'analysis finished' },
  );
  const analysis = await call(client, 'plan_analysis', { id });
  expect(analysis.isError).toBeFalsy();
  expect((analysis.structuredContent as { counts: { byType: unknown } }).counts.byType).toEqual(
    truth.counts.byType,
  );
  expect(analysis.content[0]?.text).toMatch(/^Analyse du plan .* appareils comptés/);
  return id;
}

describe('MCP over Streamable HTTP (POST /mcp)', () => {
  it('lists the tools, calculates, submits a plan and reads its analysis', async () => {
    const client = await connect(httpTransport(gw.keys.acme));
    try {
      await walk(client);
    } finally {
      await client.close();
    }
  }, 150_000);

  it('checks the key and each tool’s scope as the REST routes do', async () => {
    const anonymous = await gw.app.request('/mcp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    // Stateless: no server-initiated stream, no session to delete.
    for (const method of ['GET', 'DELETE']) {
      const res = await gw.app.request('/mcp', {
        method,
        headers: bearer(gw.keys.acme, { accept: 'text/event-stream' }),
      });
      expect(res.status, method).toBe(405);
    }

    // plans:read only: reading works, a calculation (scope calc) and a submission are refused.
    const client = await connect(httpTransport(gw.keys.acmeReadOnly, 'en'));
    try {
      const calc = await call(client, 'calc_dwelling_load', { livingAreaM2: 90 });
      expect(calc.isError).toBe(true);
      expect((calc.structuredContent as { status: number; code: string }).status).toBe(403);
      const missing = await call(client, 'plan_status', { id: '00000000-0000-4000-8000-000000000000' });
      expect(missing.isError).toBe(true);
      expect((missing.structuredContent as { status: number }).status).toBe(404);
      const rules = await call(client, 'rules_list', { edition: '2026' });
      expect(rules.isError).toBeFalsy();
      expect((rules.structuredContent as { rules: unknown[] }).rules.length).toBeGreaterThan(3);
      // The knowledge base needs scope calc, like GET /v1/knowledge/search.
      const norms = await call(client, 'knowledge_search', { q: 'GFCI bathroom' });
      expect((norms.structuredContent as { status: number }).status).toBe(403);
    } finally {
      await client.close();
    }

    // The agent-run limit of POST /v1/agents/{id}/runs applies to agent_run_start (1 a minute here).
    const agents = await connect(httpTransport(gw.keys.other));
    try {
      const ask = () =>
        call(agents, 'agent_run_start', { agentId: 'electrical-calculator', message: 'Bonjour' });
      const first = await ask();
      expect(first.isError).toBeFalsy();
      const runId = (first.structuredContent as { id: string }).id;
      const fetched = await call(agents, 'agent_run_fetch', { id: runId });
      expect((fetched.structuredContent as { status: string }).status).toBe('queued');
      const second = await ask();
      expect(second.isError).toBe(true);
      expect((second.structuredContent as { status: number }).status).toBe(429);
    } finally {
      await agents.close();
    }
  });
});

describe('MCP over stdio (pnpm saeq mcp)', () => {
  it('lists the tools, calculates, submits a plan and reads its analysis; stdout carries only the protocol', async () => {
    const transport = stdioTransport(gw.keys.acme);
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Any non-JSON-RPC line on stdout makes the client's transport report an error.
    const transportErrors: unknown[] = [];
    transport.onerror = (err) => transportErrors.push(err);
    const client = await connect(transport);
    try {
      await walk(client);
    } finally {
      await client.close();
    }
    expect(transportErrors).toEqual([]);
    // Logs went to stderr (the ready line), not stdout.
    expect(stderr).toContain('mcp stdio server ready');
  }, 180_000);
});
