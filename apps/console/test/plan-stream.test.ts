import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../src/api.ts';
import { followPlan } from '../src/plan-stream.ts';
import type { Plan } from '../src/types.ts';

const PLAN = '5d0c1f0e-8a43-4d59-9a57-2f6f0b1c9e21';
const planAt = (status: string, progress: number) => ({ id: PLAN, name: 'Maison', status, progress });

let server: Server | null = null;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/**
 * A stand-in for the gateway: the plan's event stream as plan-events.ts writes it (or a 404, or
 * a stream that drops before the end) and `GET /v1/plans/{id}` answering `statuses` in turn.
 */
async function fakeGateway(opts: { stream: 'full' | 'missing' | 'drops'; statuses: string[] }) {
  const seen: string[] = [];
  let polls = 0;
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (req.url === `/v1/plans/${PLAN}/events`) {
      if (opts.stream === 'missing') {
        res.writeHead(404, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ title: 'Introuvable', status: 404 }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
      res.write('retry: 3000\n\n');
      res.write(`event: status\ndata: ${JSON.stringify(planAt('processing', 10))}\n\n`);
      if (opts.stream === 'drops') {
        // The connection is cut mid-plan, once what was written has left.
        res.write(': keep-alive\n\n', () => setTimeout(() => res.destroy(), 50));
        return;
      }
      res.write(': keep-alive\n\n');
      res.end(`event: status\ndata: ${JSON.stringify(planAt('completed', 100))}\n\n`);
      return;
    }
    if (req.url === `/v1/plans/${PLAN}`) {
      const status = opts.statuses[Math.min(polls, opts.statuses.length - 1)] ?? 'completed';
      polls += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(planAt(status, status === 'completed' ? 100 : 50)));
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

async function follow(api: ReturnType<typeof createApi>) {
  const seenPlans: [string, string][] = [];
  const final = await followPlan(
    api,
    PLAN,
    { onPlan: (p: Plan, via) => seenPlans.push([via, p.status]), onError: () => {} },
    new AbortController().signal,
    10,
  );
  return { final, seenPlans };
}

describe('followPlan', () => {
  it('follows the event stream to the terminal status without polling', async () => {
    const { api, seen } = await fakeGateway({ stream: 'full', statuses: [] });
    const { final, seenPlans } = await follow(api);
    expect(final?.status).toBe('completed');
    expect(seenPlans).toEqual([
      ['stream', 'processing'],
      ['stream', 'completed'],
    ]);
    expect(seen).toEqual([`GET /v1/plans/${PLAN}/events`]);
  });

  it('polls the plan when the event stream is not available', async () => {
    const { api, seen } = await fakeGateway({
      stream: 'missing',
      statuses: ['queued', 'processing', 'completed'],
    });
    const { final, seenPlans } = await follow(api);
    expect(final?.status).toBe('completed');
    expect(seenPlans).toEqual([
      ['polling', 'queued'],
      ['polling', 'processing'],
      ['polling', 'completed'],
    ]);
    expect(seen.filter((s) => s === `GET /v1/plans/${PLAN}`)).toHaveLength(3);
  });

  it('falls back to polling when the stream drops before the end', async () => {
    const { api } = await fakeGateway({ stream: 'drops', statuses: ['processing', 'completed'] });
    const { final, seenPlans } = await follow(api);
    expect(final?.status).toBe('completed');
    expect(seenPlans[0]).toEqual(['stream', 'processing']);
    expect(seenPlans.slice(1)).toEqual([
      ['polling', 'processing'],
      ['polling', 'completed'],
    ]);
  });
});
