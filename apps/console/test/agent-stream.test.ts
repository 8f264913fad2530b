import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { followRun, type RunProgress } from '../src/agent-stream.ts';
import { createApi } from '../src/api.ts';

const RUN = '0b9a3a2e-55b1-4a43-8d7c-6c4e4a0d7f10';
const FINAL = {
  id: RUN,
  agentId: 'electrical-calculator',
  status: 'completed',
  message: 'Charge?',
  planId: null,
  conversationId: null,
  answer: 'La charge est de 24 000 W.',
  toolCalls: [{ name: 'calc_dwelling_load', input: { livingAreaM2: 150 }, output: { demandLoadW: 24000 } }],
  usage: { inputTokens: 10, outputTokens: 5, cacheReadTokens: 0 },
  model: 'claude-sonnet-4-6',
  mode: 'llm',
};

let server: Server | null = null;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** A stand-in for the gateway: the run's SSE stream (as agent-run-events.ts writes it) and the run. */
async function fakeGateway(opts: { stream: boolean; statuses: string[] }) {
  const seen: string[] = [];
  let polls = 0;
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    if (req.url === `/v1/agent-runs/${RUN}/events`) {
      if (!opts.stream) {
        res.writeHead(404, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ title: 'Introuvable', status: 404 }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
      const body =
        'retry: 3000\n\n' +
        'event: status\ndata: {"status":"processing","attempt":1,"mode":"llm"}\nid: 1\n\n' +
        ': heartbeat\n\n' +
        `event: tool_call\ndata: ${JSON.stringify(FINAL.toolCalls[0])}\nid: 2\n\n` +
        'event: text\ndata: {"delta":"La charge est ","step":2}\nid: 3\n\n' +
        'event: text\ndata: {"delta":"de 24 000 W.","step":2}\nid: 4\n\n' +
        'event: answer\ndata: {"text":"La charge est de 24 000 W."}\nid: 5\n\n' +
        'event: status\ndata: {"status":"completed"}\nid: 6\n\n';
      // Written in small pieces, split inside lines, as a network would.
      let at = 0;
      const tick = (): void => {
        if (at >= body.length) {
          res.end();
          return;
        }
        res.write(body.slice(at, at + 17));
        at += 17;
        setTimeout(tick, 1);
      };
      tick();
      return;
    }
    if (req.url === `/v1/agent-runs/${RUN}`) {
      const status = opts.statuses[Math.min(polls, opts.statuses.length - 1)] ?? 'completed';
      polls += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(status === 'completed' ? FINAL : { ...FINAL, status, answer: null, toolCalls: [] }),
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const api = createApi({ baseUrl: `http://127.0.0.1:${port}`, key: () => 'saeq_key', lang: () => 'fr' });
  return { api, seen };
}

describe('followRun', () => {
  it('follows the SSE stream with the key, then reads the final run', async () => {
    const { api, seen } = await fakeGateway({ stream: true, statuses: ['completed'] });
    const progress: RunProgress[] = [];
    const final = await followRun(api, RUN, (p) => progress.push(p), new AbortController().signal, 10);
    expect(final).toEqual(FINAL);
    const streamed = progress.filter((p) => p.via === 'stream').map((p) => p.run.answer ?? '');
    expect(streamed).toContain('La charge est ');
    expect(streamed).toContain('La charge est de 24 000 W.');
    expect(progress.some((p) => (p.run.toolCalls ?? []).length === 1)).toBe(true);
    expect(progress.at(-1)?.via).toBe('stream');
    expect(seen).toEqual([
      `GET /v1/agent-runs/${RUN}/events Bearer saeq_key`,
      `GET /v1/agent-runs/${RUN} Bearer saeq_key`,
    ]);
  });

  it('polls the run when the event stream is not available', async () => {
    const { api, seen } = await fakeGateway({
      stream: false,
      statuses: ['queued', 'processing', 'completed'],
    });
    const progress: RunProgress[] = [];
    const final = await followRun(api, RUN, (p) => progress.push(p), new AbortController().signal, 10);
    expect(final.status).toBe('completed');
    expect(progress.map((p) => [p.via, p.run.status])).toEqual([
      ['polling', 'queued'],
      ['polling', 'processing'],
      ['polling', 'completed'],
    ]);
    expect(seen.filter((s) => s.startsWith(`GET /v1/agent-runs/${RUN} `))).toHaveLength(3);
  });
});
