import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  estimateTokens,
  type FakeAnthropic,
  type FakeAnthropicOptions,
  startFakeAnthropic,
} from './fake-anthropic.ts';
import { getFreePort } from './ports.ts';

// Wire-level tests with plain fetch. The same fake is driven through the real
// `@anthropic-ai/sdk` in services/worker-agents/src/agents/fake-anthropic.sdk.test.ts (the SDK is
// a dependency of worker-agents, not of this package).

const headers = {
  'content-type': 'application/json',
  'x-api-key': 'test',
  'anthropic-version': '2023-06-01',
};
const minimalBody = {
  model: 'claude-sonnet-4-5',
  max_tokens: 256,
  messages: [{ role: 'user', content: 'Bonjour' }],
};

let fake: FakeAnthropic | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options?: FakeAnthropicOptions): Promise<FakeAnthropic> {
  fake = await startFakeAnthropic(options);
  return fake;
}

function post(url: string, body: unknown, extraHeaders: Record<string, string> = headers): Promise<Response> {
  return fetch(`${url}/v1/messages`, { method: 'POST', headers: extraHeaders, body: JSON.stringify(body) });
}

type ErrorBody = { type: string; error: { type: string; message: string }; request_id: string };

/** Parses an SSE body into `{event, data}` pairs. */
function parseSse(text: string): Array<{ event: string; data: Record<string, unknown> }> {
  return text
    .split('\n\n')
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => {
      const event = /^event: (.+)$/m.exec(chunk)?.[1] ?? '';
      const data = /^data: (.+)$/m.exec(chunk)?.[1] ?? '{}';
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
}

describe('startFakeAnthropic — scripted answers', () => {
  it('answers a text step with a complete Message and default usage estimated from the sizes', async () => {
    const { url } = await start({ steps: [{ type: 'text', text: 'Bonjour!' }] });
    const res = await post(url, minimalBody);
    expect(res.status).toBe(200);
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    const message = (await res.json()) as Record<string, unknown>;
    const content = [{ type: 'text', text: 'Bonjour!', citations: null }];
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content,
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: estimateTokens(JSON.stringify(minimalBody)),
        output_tokens: estimateTokens(JSON.stringify(content)),
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    });
    expect(message.id).toMatch(/^msg_/);
  });

  it('answers a tool_use step with a toolu_ id, stop_reason tool_use and the scripted usage', async () => {
    const { url } = await start();
    fake?.enqueue({
      type: 'tool_use',
      name: 'calc_voltage_drop',
      input: { lengthM: 30 },
      usage: { input_tokens: 1200, output_tokens: 40, cache_read_input_tokens: 1000 },
    });
    const message = (await (await post(url, minimalBody)).json()) as {
      content: Array<{ type: string; id?: string; name?: string; input?: unknown }>;
      stop_reason: string;
      usage: Record<string, number>;
    };
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toHaveLength(1);
    expect(message.content[0]).toMatchObject({
      type: 'tool_use',
      name: 'calc_voltage_drop',
      input: { lengthM: 30 },
    });
    expect(message.content[0]?.id).toMatch(/^toolu_/);
    expect(message.usage).toMatchObject({
      input_tokens: 1200,
      output_tokens: 40,
      cache_read_input_tokens: 1000,
      cache_creation_input_tokens: 0,
    });
  });

  it('answers several parallel tool calls from a message step', async () => {
    const { url } = await start({
      steps: [
        {
          type: 'message',
          content: [
            { type: 'text', text: 'Je vérifie.' },
            { type: 'tool_use', id: 'toolu_a', name: 'plan_analysis', input: {} },
            { type: 'tool_use', id: 'toolu_b', name: 'plan_compliance', input: {} },
          ],
        },
      ],
    });
    const message = (await (await post(url, minimalBody)).json()) as {
      content: Array<{ type: string; id?: string }>;
      stop_reason: string;
    };
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.map((block) => block.id ?? block.type)).toEqual(['text', 'toolu_a', 'toolu_b']);
  });

  it('records every request with its headers and parsed body, and counts the steps left', async () => {
    const { url, requests } = await start({
      steps: [
        { type: 'text', text: 'un' },
        { type: 'text', text: 'deux' },
      ],
    });
    await post(url, { ...minimalBody, system: 'Tu es un agent.' });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ index: 0, method: 'POST', path: '/v1/messages', stream: false });
    expect(requests[0]?.headers['x-api-key']).toBe('test');
    expect(requests[0]?.apiKey).toBe('test');
    expect(requests[0]?.headers['anthropic-version']).toBe('2023-06-01');
    expect(requests[0]?.body?.system).toBe('Tu es un agent.');
    expect(fake?.remaining()).toBe(1);
  });

  it('answers from the handler once the queue is empty, e.g. echoing the tool result', async () => {
    const { url } = await start({
      steps: [{ type: 'tool_use', id: 'toolu_1', name: 'calc_box_fill', input: { boxVolumeML: 350 } }],
      handler: (request) => {
        const last = request.body.messages.at(-1);
        const result = Array.isArray(last?.content)
          ? last.content.find((b) => b.type === 'tool_result')
          : undefined;
        return { type: 'text', text: `résultat: ${JSON.stringify(result?.content)}` };
      },
    });
    await post(url, minimalBody);
    const followUp = {
      ...minimalBody,
      messages: [
        ...minimalBody.messages,
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'calc_box_fill', input: {} }],
        },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '{"withinLimit":true}' }],
        },
      ],
    };
    const message = (await (await post(url, followUp)).json()) as { content: Array<{ text: string }> };
    expect(message.content[0]?.text).toBe('résultat: "{\\"withinLimit\\":true}"');
  });

  it('answers 500 with a clear message when no step is left, and tells the SDK not to retry', async () => {
    const { url } = await start();
    const res = await post(url, minimalBody);
    expect(res.status).toBe(500);
    expect(res.headers.get('x-should-retry')).toBe('false');
    const body = (await res.json()) as ErrorBody;
    expect(body.error.type).toBe('api_error');
    expect(body.error.message).toContain('no scripted response for request #0');
  });

  it('waits delayMs before answering', async () => {
    const { url } = await start({ steps: [{ type: 'text', text: 'lent', delayMs: 150 }] });
    const startedAt = performance.now();
    await post(url, minimalBody);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(140);
  });
});

describe('startFakeAnthropic — errors', () => {
  it.each([
    [429, 'rate_limit_error'],
    [529, 'overloaded_error'],
    [500, 'api_error'],
    [401, 'authentication_error'],
    [400, 'invalid_request_error'],
  ] as const)('answers a %i step with the real error body (%s)', async (status, type) => {
    const { url } = await start({ steps: [{ type: 'error', status, message: `erreur ${status}` }] });
    const res = await post(url, minimalBody);
    expect(res.status).toBe(status);
    const requestId = res.headers.get('request-id');
    expect(requestId).toMatch(/^req_/);
    expect(await res.json()).toEqual({
      type: 'error',
      error: { type, message: `erreur ${status}` },
      request_id: requestId,
    });
  });

  it('sends retry-after when the step sets it', async () => {
    const { url } = await start({ steps: [{ type: 'error', status: 429, retryAfter: 2 }] });
    const res = await post(url, minimalBody);
    expect(res.headers.get('retry-after')).toBe('2');
  });

  it('refuses a request without x-api-key (401) or anthropic-version (400) without using a step', async () => {
    const { url } = await start({ steps: [{ type: 'text', text: 'jamais' }] });
    const noKey = await post(url, minimalBody, {
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
    });
    expect(noKey.status).toBe(401);
    expect(((await noKey.json()) as ErrorBody).error.type).toBe('authentication_error');
    const noVersion = await post(url, minimalBody, { 'content-type': 'application/json', 'x-api-key': 'k' });
    expect(noVersion.status).toBe(400);
    expect(((await noVersion.json()) as ErrorBody).error.message).toContain('anthropic-version');
    expect(fake?.remaining()).toBe(1);
  });

  it('refuses another key than the configured one', async () => {
    const { url } = await start({ apiKey: 'sk-good', steps: [{ type: 'text', text: 'ok' }] });
    expect((await post(url, minimalBody)).status).toBe(401);
    const { 'x-api-key': _, ...withoutKey } = headers;
    expect((await post(url, minimalBody, { ...withoutKey, authorization: 'Bearer sk-bad' })).status).toBe(
      401,
    );
    expect((await post(url, minimalBody, { ...headers, 'x-api-key': 'sk-good' })).status).toBe(200);
  });

  it('refuses a malformed body with the failing field', async () => {
    const { url } = await start();
    const res = await post(url, { model: 'claude-sonnet-4-5', messages: [] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/max_tokens/);
    const notJson = await fetch(`${url}/v1/messages`, { method: 'POST', headers, body: '{' });
    expect(notJson.status).toBe(400);
  });

  it('refuses a custom tool without input_schema', async () => {
    const { url } = await start();
    const res = await post(url, { ...minimalBody, tools: [{ name: 'calc_box_fill', description: 'x' }] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.message).toContain('input_schema');
  });

  it('refuses a tool_result whose tool_use is not in the previous message', async () => {
    const { url } = await start({ steps: [{ type: 'text', text: 'jamais' }] });
    const res = await post(url, {
      ...minimalBody,
      messages: [
        { role: 'user', content: 'Calcule.' },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'calc_box_fill', input: {} }],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: '{}' },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: '{}' },
          ],
        },
      ],
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.message).toContain(
      'unexpected `tool_use_id` found in `tool_result` blocks: toolu_2',
    );
  });

  it('refuses a tool_use left without its tool_result in the next message', async () => {
    const { url } = await start();
    const res = await post(url, {
      ...minimalBody,
      messages: [
        { role: 'user', content: 'Calcule.' },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'calc_box_fill', input: {} }],
        },
        { role: 'user', content: 'Et alors?' },
      ],
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.message).toContain('without `tool_result` blocks');
  });

  it('refuses more than four cache_control blocks, and accepts them when validation is off', async () => {
    const cached = { type: 'ephemeral' };
    const body = {
      ...minimalBody,
      system: [
        { type: 'text', text: 'a', cache_control: cached },
        { type: 'text', text: 'b', cache_control: cached },
        { type: 'text', text: 'c', cache_control: cached },
      ],
      tools: [
        { name: 't1', input_schema: { type: 'object' }, cache_control: cached },
        { name: 't2', input_schema: { type: 'object' }, cache_control: cached },
      ],
    };
    const strict = await start();
    expect((await post(strict.url, body)).status).toBe(400);
    await strict.close();
    fake = await startFakeAnthropic({ validate: false, steps: [{ type: 'text', text: 'ok' }] });
    expect((await post(fake.url, body)).status).toBe(200);
  });

  it('answers 404 not_found_error on other paths', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/v1/complete`, { method: 'POST', headers, body: '{}' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.type).toBe('not_found_error');
  });
});

describe('startFakeAnthropic — streaming', () => {
  it('streams a text answer as message_start, content blocks, message_delta and message_stop', async () => {
    const text = 'La charge calculée est de 38 200 W selon l’outil.';
    const { url } = await start({
      steps: [{ type: 'text', text, usage: { input_tokens: 50, output_tokens: 12 } }],
    });
    const res = await post(url, { ...minimalBody, stream: true });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(await res.text());
    for (const { event, data } of events) expect(data.type).toBe(event);
    const names = events.map((e) => e.event);
    expect(names.slice(0, 3)).toEqual(['message_start', 'content_block_start', 'ping']);
    expect(names.slice(-4)).toEqual([
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const deltas = events.filter((e) => e.event === 'content_block_delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((e) => (e.data.delta as { text: string }).text).join('')).toBe(text);
    expect(events.find((e) => e.event === 'message_delta')?.data).toMatchObject({
      delta: { stop_reason: 'end_turn' },
      usage: { output_tokens: 12, input_tokens: 50 },
    });
    expect(fake?.requests[0]?.stream).toBe(true);
  });

  it('streams tool input as input_json_delta pieces that join into the input', async () => {
    const input = {
      livingAreaM2: 150,
      spaceHeatingW: 12_000,
      waterHeaters: [{ watts: 4500, kind: 'storage' }],
    };
    const { url } = await start({
      steps: [{ type: 'tool_use', id: 'toolu_x', name: 'calc_dwelling_load', input }],
    });
    const events = parseSse(await (await post(url, { ...minimalBody, stream: true })).text());
    expect(events.find((e) => e.event === 'content_block_start')?.data.content_block).toEqual({
      type: 'tool_use',
      id: 'toolu_x',
      name: 'calc_dwelling_load',
      input: {},
    });
    const pieces = events
      .filter((e) => e.event === 'content_block_delta')
      .map((e) => (e.data.delta as { type: string; partial_json: string }).partial_json);
    expect(pieces.length).toBeGreaterThan(2);
    expect(JSON.parse(pieces.join(''))).toEqual(input);
  });

  it('can fail in the middle of a stream with an SSE error event', async () => {
    const { url } = await start({ steps: [{ type: 'error', status: 529, duringStream: true }] });
    const res = await post(url, { ...minimalBody, stream: true });
    expect(res.status).toBe(200);
    const events = parseSse(await res.text());
    expect(events.map((e) => e.event)).toEqual(['message_start', 'error']);
    expect(events[1]?.data.error).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
  });
});

describe('getFreePort', () => {
  it('returns a port that can then be listened on', async () => {
    const port = await getFreePort();
    expect(port).toBeGreaterThan(0);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
