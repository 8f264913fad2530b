import Anthropic from '@anthropic-ai/sdk';
import { getAgent } from '@saeq/agents';
import { type FakeAnthropic, startFakeAnthropic, toolResultsOf } from '@saeq/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// Drives the loopback fake (packages/testing) with the real @anthropic-ai/sdk, which is a
// dependency of this service only: this proves the fake speaks the wire format the SDK expects.

// Not 'claude-sonnet-4-5': SDK 1.14 lists it as deprecated and warns on every call.
const model = 'claude-sonnet-4-6';
let fake: FakeAnthropic;
let client: Anthropic;

beforeEach(async () => {
  fake = await startFakeAnthropic();
  client = new Anthropic({ apiKey: 'test', baseURL: fake.url, maxRetries: 0 });
});
afterEach(async () => {
  await fake.close();
});

const agent = getAgent('electrical-calculator');
const dwellingLoadTool: Anthropic.Tool = {
  name: 'calc_dwelling_load',
  description: 'Charge calculée d’un logement (8-200).',
  input_schema: {
    type: 'object',
    properties: { livingAreaM2: { type: 'number' } },
    required: ['livingAreaM2'],
  },
  cache_control: { type: 'ephemeral' },
};

describe('fake Anthropic through @anthropic-ai/sdk', () => {
  it('returns a text answer with the scripted usage, and records the SDK request', async () => {
    fake.enqueue({
      type: 'text',
      text: 'Bonjour, je suis le calculateur.',
      usage: { input_tokens: 1800, output_tokens: 12, cache_creation_input_tokens: 1500 },
    });
    const message = await client.messages.create({
      model,
      max_tokens: 1024,
      system: [{ type: 'text', text: agent.systemPrompt, cache_control: { type: 'ephemeral' } }],
      tools: [dwellingLoadTool],
      messages: [{ role: 'user', content: 'Bonjour' }],
    });

    expect(message.content).toEqual([
      { type: 'text', text: 'Bonjour, je suis le calculateur.', citations: null },
    ]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.model).toBe(model);
    expect(message.usage).toMatchObject({
      input_tokens: 1800,
      output_tokens: 12,
      cache_creation_input_tokens: 1500,
      cache_read_input_tokens: 0,
    });

    const [request] = fake.requests;
    // SDK 1.x sends the key as a bearer token; the fake (like the real API) accepts both forms.
    expect(request?.headers.authorization).toBe('Bearer test');
    expect(request?.apiKey).toBe('test');
    expect(request?.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(request?.body?.system).toEqual([
      { type: 'text', text: agent.systemPrompt, cache_control: { type: 'ephemeral' } },
    ]);
    expect(request?.body?.tools?.map((tool) => tool.name)).toEqual(['calc_dwelling_load']);
    expect(fake.remaining()).toBe(0);
  });

  it('runs a tool_use round trip: the tool result goes back and the model answers from it', async () => {
    // First answer scripted; the second comes from the handler and depends on what the caller
    // sent back, as a model's would.
    const model2 = await startFakeAnthropic({
      steps: [{ type: 'tool_use', name: 'calc_dwelling_load', input: { livingAreaM2: 150 } }],
      handler: (request) => {
        const [result] = toolResultsOf(request);
        return { type: 'text', text: `Selon l’outil : ${String(result?.content)}` };
      },
    });
    try {
      const sdk = new Anthropic({ apiKey: 'test', baseURL: model2.url, maxRetries: 0 });
      const tools = [dwellingLoadTool];
      const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'Charge pour 150 m² ?' }];
      const first = await sdk.messages.create({ model, max_tokens: 1024, tools, messages });
      expect(first.stop_reason).toBe('tool_use');
      const toolUse = first.content.find((block) => block.type === 'tool_use');
      if (toolUse?.type !== 'tool_use') throw new Error('expected a tool_use block');
      expect(toolUse).toMatchObject({ name: 'calc_dwelling_load', input: { livingAreaM2: 150 } });
      expect(toolUse.id).toMatch(/^toolu_/);

      messages.push(
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '{"calculatedLoadW":24000}' }],
        },
      );
      const second = await sdk.messages.create({ model, max_tokens: 1024, tools, messages });
      expect(second.stop_reason).toBe('end_turn');
      expect(second.content).toEqual([
        { type: 'text', text: 'Selon l’outil : {"calculatedLoadW":24000}', citations: null },
      ]);
      // The fake checked the pairing; the recorded request shows what went back.
      expect(model2.requests).toHaveLength(2);
      expect(toolResultsOf(model2.requests[1] ?? {})).toEqual([
        { type: 'tool_result', tool_use_id: toolUse.id, content: '{"calculatedLoadW":24000}' },
      ]);
    } finally {
      await model2.close();
    }
  });

  it('surfaces a 429 as RateLimitError carrying retry-after and the request id', async () => {
    fake.enqueue({
      type: 'error',
      status: 429,
      retryAfter: 2,
      message: 'Number of requests has exceeded your rate limit.',
    });
    const error = await client.messages
      .create({ model, max_tokens: 64, messages: [{ role: 'user', content: 'Bonjour' }] })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    if (!(error instanceof Anthropic.RateLimitError)) return;
    expect(error.status).toBe(429);
    expect(error.headers?.get('retry-after')).toBe('2');
    expect(error.requestID).toMatch(/^req_/);
    expect(error.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });

  it('surfaces a 529 as an overloaded APIError', async () => {
    fake.enqueue({ type: 'error', status: 529 });
    const error = await client.messages
      .create({ model, max_tokens: 64, messages: [{ role: 'user', content: 'Bonjour' }] })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Anthropic.APIError);
    if (!(error instanceof Anthropic.APIError)) return;
    expect(error.status).toBe(529);
    expect(error.error).toMatchObject({ error: { type: 'overloaded_error', message: 'Overloaded' } });
  });

  it('surfaces a 401 as AuthenticationError', async () => {
    fake.enqueue({ type: 'error', status: 401 });
    await expect(
      client.messages.create({ model, max_tokens: 64, messages: [{ role: 'user', content: 'Bonjour' }] }),
    ).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
  });

  it('lets the SDK retry a 500 when retries are on, honouring retry-after-ms', async () => {
    fake.enqueue(
      { type: 'error', status: 500, headers: { 'retry-after-ms': '10' } },
      { type: 'text', text: 'Réessai réussi.' },
    );
    const retrying = new Anthropic({ apiKey: 'test', baseURL: fake.url, maxRetries: 1 });
    const message = await retrying.messages.create({
      model,
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Bonjour' }],
    });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Réessai réussi.' });
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.headers['x-stainless-retry-count']).toBe('1');
  });

  it('fails fast with the fake’s message when no step is scripted', async () => {
    await expect(
      client.messages.create({ model, max_tokens: 64, messages: [{ role: 'user', content: 'Bonjour' }] }),
    ).rejects.toThrow(/no scripted response/);
  });
});

describe('fake Anthropic streaming through @anthropic-ai/sdk', () => {
  it('streams text deltas and assembles the final message with usage', async () => {
    const text = 'La charge calculée est de 24 000 W, selon l’outil calc_dwelling_load.';
    fake.enqueue({
      type: 'text',
      text,
      usage: { input_tokens: 900, output_tokens: 25, cache_read_input_tokens: 800 },
    });
    const stream = client.messages.stream({
      model,
      max_tokens: 512,
      messages: [{ role: 'user', content: 'Charge ?' }],
    });
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const message = await stream.finalMessage();

    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(text);
    expect(message.content).toEqual([{ type: 'text', text, citations: null }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({
      input_tokens: 900,
      output_tokens: 25,
      cache_read_input_tokens: 800,
    });
    expect(fake.requests[0]?.body?.stream).toBe(true);
  });

  it('streams a tool call whose input the SDK reassembles', async () => {
    const input = {
      currentA: 100,
      material: 'copper',
      insulationRatingC: 75,
      installation: 'raceway-or-cable',
    };
    fake.enqueue({
      type: 'tool_use',
      id: 'toolu_stream',
      name: 'calc_conductor_size',
      input,
      text: 'Je calcule.',
    });
    const message = await client.messages
      .stream({ model, max_tokens: 512, messages: [{ role: 'user', content: 'Calibre pour 100 A ?' }] })
      .finalMessage();

    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      { type: 'text', text: 'Je calcule.', citations: null },
      { type: 'tool_use', id: 'toolu_stream', name: 'calc_conductor_size', input },
    ]);
  });

  it('yields raw events in protocol order with create({stream: true})', async () => {
    fake.enqueue({ type: 'text', text: 'Bonjour' });
    const stream = await client.messages.create({
      model,
      max_tokens: 64,
      stream: true,
      messages: [{ role: 'user', content: 'Salut' }],
    });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('raises an overloaded error sent in the middle of a stream', async () => {
    fake.enqueue({ type: 'error', status: 529, duringStream: true });
    const stream = client.messages.stream({
      model,
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Salut' }],
    });
    await expect(stream.finalMessage()).rejects.toThrow(/Overloaded/);
  });
});
