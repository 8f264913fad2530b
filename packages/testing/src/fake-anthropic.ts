import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/**
 * A fake Anthropic Messages API on loopback, for tests of code that uses `@anthropic-ai/sdk`.
 *
 * It speaks the wire format of `POST /v1/messages` (JSON and `stream: true` server-sent events,
 * error bodies `{type: "error", error: {type, message}, request_id}`, `request-id` and
 * `retry-after` headers) and answers from a FIFO queue of scripted steps, then from an optional
 * handler. It also refuses requests the real API refuses (missing key or version header,
 * malformed body, `tool_result` without its `tool_use`, too many `cache_control` blocks) so
 * that a bug in the caller shows up here rather than in production. It is a test fixture: it
 * never calls the real API, and everything it sends back was scripted by the test.
 */

// ---------------------------------------------------------------------------------------------
// Request shape (what the SDK sends). Loose objects: unknown fields are kept, not rejected.

const CacheControl = z.looseObject({ type: z.literal('ephemeral') });

export const TextBlockParam = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: CacheControl.nullish(),
});
export type TextBlockParam = z.infer<typeof TextBlockParam>;

export const ToolUseBlockParam = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
});
export type ToolUseBlockParam = z.infer<typeof ToolUseBlockParam>;

export const ToolResultBlockParam = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]).optional(),
  is_error: z.boolean().optional(),
});
export type ToolResultBlockParam = z.infer<typeof ToolResultBlockParam>;

/** Any content block; the three above are checked further when they appear. */
const ContentBlockParam = z.looseObject({ type: z.string().min(1) });

export const MessageParam = z.looseObject({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(ContentBlockParam)]),
});
export type MessageParam = z.infer<typeof MessageParam>;

export const ToolParam = z.looseObject({
  /** Absent (or "custom") for client tools; server tools carry a versioned type. */
  type: z.string().optional(),
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,128}$/, 'tool names must match ^[a-zA-Z0-9_-]{1,128}$'),
  description: z.string().optional(),
  input_schema: z.looseObject({ type: z.literal('object') }).optional(),
  cache_control: CacheControl.nullish(),
});
export type ToolParam = z.infer<typeof ToolParam>;

export const MessagesRequest = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  system: z.union([z.string(), z.array(TextBlockParam)]).optional(),
  messages: z.array(MessageParam).min(1),
  tools: z.array(ToolParam).optional(),
  stream: z.boolean().optional(),
});
export type MessagesRequest = z.infer<typeof MessagesRequest>;

// ---------------------------------------------------------------------------------------------
// Scripted steps

/** Token counts reported for a step; each missing field takes the default (see `estimateTokens`). */
export type FakeUsage = {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
};

type StepOptions = {
  usage?: FakeUsage;
  /** Wait this long before answering (wall-clock limits, timeouts). */
  delayMs?: number;
  /** Extra response headers (e.g. `anthropic-ratelimit-requests-remaining`). */
  headers?: Record<string, string>;
};

export type FakeContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; name: string; input: Record<string, unknown>; id?: string };

export type FakeStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal';

/** The model answers with text: `stop_reason: "end_turn"` unless `stopReason` says otherwise. */
export type FakeTextStep = StepOptions & {
  type: 'text';
  text: string;
  stopReason?: Exclude<FakeStopReason, 'tool_use'>;
};
/** The model calls one tool (optionally after a short text, as Claude often does). */
export type FakeToolUseStep = StepOptions & {
  type: 'tool_use';
  name: string;
  input: Record<string, unknown>;
  /** Defaults to a fresh `toolu_…` id. */
  id?: string;
  text?: string;
};
/** Any content, e.g. several parallel tool calls; `stop_reason` defaults from the blocks. */
export type FakeMessageStep = StepOptions & {
  type: 'message';
  content: FakeContentBlock[];
  stopReason?: FakeStopReason;
};

/** The `error.type` the real API sends for each status. */
export const errorTypeByStatus = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
} as const;
export type FakeErrorStatus = keyof typeof errorTypeByStatus;

export type FakeErrorStep = Omit<StepOptions, 'usage'> & {
  type: 'error';
  status: FakeErrorStatus;
  message?: string;
  /** Seconds, sent as the `retry-after` header. */
  retryAfter?: number;
  /**
   * For a streaming request: answer 200, send `message_start`, then an SSE `error` event (as the
   * real API does when it overloads mid-stream). Ignored for non-streaming requests.
   */
  duringStream?: boolean;
};

export type FakeStep = FakeTextStep | FakeToolUseStep | FakeMessageStep | FakeErrorStep;

/** One HTTP request as the fake received it. */
export type RecordedRequest = {
  /** 0-based arrival order. */
  index: number;
  method: string;
  path: string;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /**
   * The credential sent: `x-api-key`, or the token of `Authorization: Bearer …` (what
   * `@anthropic-ai/sdk` 1.x sends for `apiKey`). The real API accepts both.
   */
  apiKey: string | undefined;
  rawBody: string;
  /** The parsed body when it is a valid Messages request, else undefined. */
  body: MessagesRequest | undefined;
  stream: boolean;
};

export type FakeAnthropicHandler = (
  request: RecordedRequest & { body: MessagesRequest },
) => FakeStep | undefined | Promise<FakeStep | undefined>;

export type FakeAnthropicOptions = {
  /** Default 0: a free port chosen by the OS. */
  port?: number;
  /** Steps answered first, in order (same as calling `enqueue` right after start). */
  steps?: FakeStep[];
  /** Answers once the queue is empty; returning undefined means "no answer" (→ 500). */
  handler?: FakeAnthropicHandler;
  /** When set, any other key (`x-api-key` or bearer token) is refused with 401 authentication_error. */
  apiKey?: string;
  /**
   * Check the conversation the way the real API does (tool_use/tool_result pairing, at most four
   * `cache_control` blocks). Default true; header and body-shape checks always apply.
   */
  validate?: boolean;
};

export type FakeAnthropic = {
  /** Base URL for the SDK: `new Anthropic({ baseURL: fake.url })`. */
  url: string;
  port: number;
  /** Every request received, in order (a live array). */
  requests: RecordedRequest[];
  enqueue(...steps: FakeStep[]): void;
  /** Scripted steps not consumed yet: assert 0 at the end of a test. */
  remaining(): number;
  close(): Promise<void>;
};

/** The default token estimate: one token per four characters, at least one. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** `tool_result` blocks of the request's last user message (what the caller sent back). */
export function toolResultsOf(request: { body?: MessagesRequest | undefined }): ToolResultBlockParam[] {
  const last = request.body?.messages.at(-1);
  if (last?.role !== 'user' || typeof last.content === 'string') return [];
  return last.content.flatMap((block) => {
    const parsed = ToolResultBlockParam.safeParse(block);
    return parsed.success ? [parsed.data] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Server

class RequestRejected extends Error {
  constructor(
    readonly status: FakeErrorStatus,
    message: string,
  ) {
    super(message);
  }
}

type ResponseMessage = {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: Array<
    | { type: 'text'; text: string; citations: null }
    | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  >;
  stop_reason: FakeStopReason;
  stop_sequence: null;
  stop_details: null;
  container: null;
  usage: {
    input_tokens: number;
    output_tokens: number;
    cache_creation_input_tokens: number;
    cache_read_input_tokens: number;
    cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
    server_tool_use: null;
    service_tier: 'standard';
  };
};

/**
 * Starts the fake on 127.0.0.1. Resolves once it listens; `close()` drops open connections and
 * pending delayed answers.
 */
export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const queue: FakeStep[] = [...(options.steps ?? [])];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const validate = options.validate ?? true;
  let sequence = 0;
  const nextId = (prefix: string): string => `${prefix}${String(++sequence).padStart(20, '0')}`;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const sendError = (
    res: ServerResponse,
    requestId: string,
    status: FakeErrorStatus,
    message: string,
    headers: Record<string, string> = {},
  ): void => {
    const body = {
      type: 'error',
      error: { type: errorTypeByStatus[status], message },
      request_id: requestId,
    };
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': requestId, ...headers });
    res.end(JSON.stringify(body));
  };

  const buildMessage = (
    step: FakeTextStep | FakeToolUseStep | FakeMessageStep,
    request: RecordedRequest & { body: MessagesRequest },
  ): ResponseMessage => {
    const blocks: FakeContentBlock[] =
      step.type === 'text'
        ? [{ type: 'text', text: step.text }]
        : step.type === 'tool_use'
          ? [
              ...(step.text === undefined ? [] : [{ type: 'text' as const, text: step.text }]),
              {
                type: 'tool_use',
                name: step.name,
                input: step.input,
                ...(step.id === undefined ? {} : { id: step.id }),
              },
            ]
          : step.content;
    const content = blocks.map((block) =>
      block.type === 'text'
        ? { type: 'text' as const, text: block.text, citations: null }
        : {
            type: 'tool_use' as const,
            id: block.id ?? nextId('toolu_'),
            name: block.name,
            input: block.input,
          },
    );
    const hasToolUse = content.some((block) => block.type === 'tool_use');
    const stopReason =
      step.type === 'tool_use' ? 'tool_use' : (step.stopReason ?? (hasToolUse ? 'tool_use' : 'end_turn'));
    const cacheCreation = step.usage?.cache_creation_input_tokens ?? 0;
    return {
      id: nextId('msg_'),
      type: 'message',
      role: 'assistant',
      model: request.body.model,
      content,
      stop_reason: stopReason,
      stop_sequence: null,
      stop_details: null,
      container: null,
      usage: {
        input_tokens: step.usage?.input_tokens ?? estimateTokens(request.rawBody),
        output_tokens: step.usage?.output_tokens ?? estimateTokens(JSON.stringify(content)),
        cache_creation_input_tokens: cacheCreation,
        cache_read_input_tokens: step.usage?.cache_read_input_tokens ?? 0,
        cache_creation: { ephemeral_5m_input_tokens: cacheCreation, ephemeral_1h_input_tokens: 0 },
        server_tool_use: null,
        service_tier: 'standard',
      },
    };
  };

  const nextStep = async (
    request: RecordedRequest & { body: MessagesRequest },
  ): Promise<FakeStep | undefined> => queue.shift() ?? (await options.handler?.(request));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = nextId('req_');
    const rawBody = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const requestHeaders = flattenHeaders(req);
    const recorded: RecordedRequest = {
      index: requests.length,
      method: req.method ?? 'GET',
      path,
      headers: requestHeaders,
      apiKey: requestHeaders['x-api-key'] ?? /^Bearer (.+)$/i.exec(requestHeaders.authorization ?? '')?.[1],
      rawBody,
      body: undefined,
      stream: false,
    };
    requests.push(recorded);

    if (recorded.method !== 'POST' || path !== '/v1/messages') {
      sendError(
        res,
        requestId,
        404,
        `Not found: ${recorded.method} ${path} (the fake serves POST /v1/messages)`,
      );
      return;
    }
    let body: MessagesRequest;
    try {
      checkHeaders(recorded, options.apiKey);
      body = parseBody(rawBody);
      recorded.body = body;
      recorded.stream = body.stream === true;
      if (validate) checkConversation(body);
    } catch (error) {
      if (error instanceof RequestRejected) {
        sendError(res, requestId, error.status, error.message);
        return;
      }
      throw error;
    }

    const request = { ...recorded, body };
    let step: FakeStep | undefined;
    try {
      step = await nextStep(request);
    } catch (error) {
      sendError(res, requestId, 500, `fake-anthropic: the handler threw: ${String(error)}`, {
        'x-should-retry': 'false',
      });
      return;
    }
    if (step === undefined) {
      // `x-should-retry: false` so an SDK with retries fails at once instead of asking again.
      sendError(
        res,
        requestId,
        500,
        `fake-anthropic: no scripted response for request #${recorded.index} (POST /v1/messages): ` +
          'the queue is empty and no handler answered',
        { 'x-should-retry': 'false' },
      );
      return;
    }
    if (step.delayMs !== undefined && step.delayMs > 0) await sleep(step.delayMs);
    if (res.destroyed) return;

    const headers: Record<string, string> = { 'request-id': requestId, ...step.headers };
    if (step.type === 'error') {
      const message = step.message ?? defaultErrorMessage(step.status);
      if (step.duringStream === true && recorded.stream) {
        writeSseHead(res, headers);
        const started = buildMessage({ type: 'text', text: '' }, request);
        writeSse(res, 'message_start', {
          type: 'message_start',
          message: { ...started, content: [], stop_reason: null },
        });
        writeSse(res, 'error', {
          type: 'error',
          error: { type: errorTypeByStatus[step.status], message },
          request_id: requestId,
        });
        res.end();
        return;
      }
      if (step.retryAfter !== undefined) headers['retry-after'] = String(step.retryAfter);
      sendError(res, requestId, step.status, message, headers);
      return;
    }

    const message = buildMessage(step, request);
    if (recorded.stream) {
      writeSseHead(res, headers);
      for (const event of streamEvents(message)) writeSse(res, event.type, event);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(message));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        sendError(res, 'req_fake_internal', 500, `fake-anthropic crashed: ${String(error)}`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    enqueue: (...steps) => {
      queue.push(...steps);
    },
    remaining: () => queue.length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function checkHeaders(request: RecordedRequest, expectedKey: string | undefined): void {
  if (request.apiKey === undefined) throw new RequestRejected(401, 'x-api-key header is required');
  if (expectedKey !== undefined && request.apiKey !== expectedKey) {
    throw new RequestRejected(401, 'invalid x-api-key');
  }
  if (request.headers['anthropic-version'] === undefined) {
    throw new RequestRejected(400, 'anthropic-version: header is required');
  }
}

function parseBody(rawBody: string): MessagesRequest {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new RequestRejected(400, 'The request body is not valid JSON.');
  }
  const parsed = MessagesRequest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new RequestRejected(
      400,
      `${where === '' ? 'body' : where}: ${issue?.message ?? 'invalid request'}`,
    );
  }
  for (const [index, tool] of (parsed.data.tools ?? []).entries()) {
    const custom = tool.type === undefined || tool.type === 'custom';
    if (custom && tool.input_schema === undefined) {
      throw new RequestRejected(400, `tools.${index}.custom.input_schema: Field required`);
    }
  }
  const names = (parsed.data.tools ?? []).map((tool) => tool.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined)
    throw new RequestRejected(400, `tools: Tool names must be unique (${duplicate}).`);
  return parsed.data;
}

const blocksOf = (message: MessageParam | undefined): Array<{ type: string }> =>
  message === undefined || typeof message.content === 'string' ? [] : message.content;

const toolUseIds = (message: MessageParam | undefined): string[] =>
  blocksOf(message).flatMap((block) => {
    const parsed = ToolUseBlockParam.safeParse(block);
    return parsed.success ? [parsed.data.id] : [];
  });

const toolResultIds = (message: MessageParam | undefined): string[] =>
  blocksOf(message).flatMap((block) => {
    const parsed = ToolResultBlockParam.safeParse(block);
    return parsed.success ? [parsed.data.tool_use_id] : [];
  });

/** The conversation rules of the real API that a tool-use loop most easily breaks. */
function checkConversation(body: MessagesRequest): void {
  const { messages } = body;
  for (const [index, message] of messages.entries()) {
    for (const [position, block] of blocksOf(message).entries()) {
      const schema =
        block.type === 'text'
          ? TextBlockParam
          : block.type === 'tool_use'
            ? ToolUseBlockParam
            : block.type === 'tool_result'
              ? ToolResultBlockParam
              : undefined;
      const parsed = schema?.safeParse(block);
      if (parsed !== undefined && !parsed.success) {
        const issue = parsed.error.issues[0];
        throw new RequestRejected(
          400,
          `messages.${index}.content.${position}.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid block'}`,
        );
      }
    }
    if (message.role === 'user') {
      const available = messages[index - 1]?.role === 'assistant' ? toolUseIds(messages[index - 1]) : [];
      const unexpected = toolResultIds(message).find((id) => !available.includes(id));
      if (unexpected !== undefined) {
        throw new RequestRejected(
          400,
          `messages.${index}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${unexpected}. ` +
            'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
        );
      }
    }
    if (message.role === 'assistant' && index < messages.length - 1) {
      const next = messages[index + 1];
      const answered = new Set(next?.role === 'user' ? toolResultIds(next) : []);
      const missing = toolUseIds(message).filter((id) => !answered.has(id));
      if (missing.length > 0) {
        throw new RequestRejected(
          400,
          `messages.${index + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ` +
            `${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
        );
      }
    }
  }
  const cacheBreakpoints = [
    ...(typeof body.system === 'string' ? [] : (body.system ?? [])),
    ...(body.tools ?? []),
    ...messages.flatMap(blocksOf),
  ].filter((item) => 'cache_control' in item && item.cache_control != null).length;
  if (cacheBreakpoints > 4) {
    throw new RequestRejected(
      400,
      `A maximum of 4 blocks with cache_control may be provided. Found ${cacheBreakpoints}.`,
    );
  }
}

function defaultErrorMessage(status: FakeErrorStatus): string {
  const messages: Record<FakeErrorStatus, string> = {
    400: 'Invalid request.',
    401: 'invalid x-api-key',
    402: 'Your credit balance is too low to access the Anthropic API.',
    403: 'Your API key does not have permission to use the specified resource.',
    404: 'The requested resource could not be found.',
    413: 'Request exceeds the maximum allowed number of bytes.',
    429: 'Number of requests has exceeded your rate limit.',
    500: 'Internal server error',
    504: 'Request timed out.',
    529: 'Overloaded',
  };
  return messages[status];
}

function writeSseHead(res: ServerResponse, headers: Record<string, string>): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...headers,
  });
}

function writeSse(res: ServerResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** Splits text into word-sized pieces so a stream carries several `text_delta` events. */
function textPieces(text: string): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? (text === '' ? [] : [text]);
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += 3) pieces.push(words.slice(i, i + 3).join(''));
  return pieces;
}

function jsonPieces(json: string): string[] {
  const pieces = [''];
  for (let i = 0; i < json.length; i += 24) pieces.push(json.slice(i, i + 24));
  return pieces;
}

type StreamEvent = { type: string } & Record<string, unknown>;

/** The event sequence of the streaming API for a complete message. */
function streamEvents(message: ResponseMessage): StreamEvent[] {
  const { usage } = message;
  const events: StreamEvent[] = [
    {
      type: 'message_start',
      message: {
        ...message,
        content: [],
        stop_reason: null,
        usage: { ...usage, output_tokens: 1 },
      },
    },
  ];
  for (const [index, block] of message.content.entries()) {
    if (block.type === 'text') {
      events.push({
        type: 'content_block_start',
        index,
        content_block: { type: 'text', text: '', citations: null },
      });
      if (index === 0) events.push({ type: 'ping' });
      for (const text of textPieces(block.text)) {
        events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } });
      }
    } else {
      events.push({ type: 'content_block_start', index, content_block: { ...block, input: {} } });
      if (index === 0) events.push({ type: 'ping' });
      for (const partial_json of jsonPieces(JSON.stringify(block.input))) {
        events.push({
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json },
        });
      }
    }
    events.push({ type: 'content_block_stop', index });
  }
  events.push(
    {
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: null, stop_details: null },
      usage: {
        input_tokens: usage.input_tokens,
        output_tokens: usage.output_tokens,
        cache_creation_input_tokens: usage.cache_creation_input_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens,
      },
    },
    { type: 'message_stop' },
  );
  return events;
}
