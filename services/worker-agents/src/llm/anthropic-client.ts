import Anthropic from '@anthropic-ai/sdk';
import type { AgentUsage } from '@saeq/shared/db';
import {
  type AssistantBlock,
  assistantBlocksOf,
  type ConversationMessage,
  toMessageParams,
} from './conversation.ts';

export type LlmConfig = {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  maxTokens: number;
  timeoutMs: number;
};

export type LlmRequest = {
  /** The agent's static prompt (cached) and the run's context (not cached). */
  system: { prompt: string; context?: string };
  tools: readonly { name: string; description: string; inputSchema: Record<string, unknown> }[];
  messages: readonly ConversationMessage[];
};

export type LlmStep = {
  content: AssistantBlock[];
  stopReason: string | null;
  usage: AgentUsage;
  model: string;
};

export type LlmStepOptions = {
  /** Called with each piece of text as the model streams it. */
  onText?: (delta: string) => void;
  /** Aborts the request (the run's wall-clock limit). */
  signal?: AbortSignal;
};

export type Llm = {
  model: string;
  /** One request to the Messages API (one step of the tool loop), streamed. */
  step(request: LlmRequest, options?: LlmStepOptions): Promise<LlmStep>;
};

/**
 * The Messages API through @anthropic-ai/sdk, streaming so the answer text can be relayed as it
 * arrives. Retries are the queue's job (they must honour retry-after without holding a worker
 * slot), so the SDK's own are off.
 */
export function createLlm(config: LlmConfig): Llm {
  const client = new Anthropic({
    apiKey: config.apiKey,
    ...(config.baseURL ? { baseURL: config.baseURL } : {}),
    maxRetries: 0,
    timeout: config.timeoutMs,
    // With tracing on, the SDK's own span per model call (`anthropic.messages.create`, gen_ai.*
    // attributes: model, token counts including cache reads and writes) joins the agent run's
    // trace. Metadata only: prompts and answers (plan contents) never go into spans; and our trace
    // context is not sent to the provider, whose spans we cannot see.
    openTelemetry: { propagation: false, traces: { enabled: true, contentMode: 'metadata_only' } },
  });
  return {
    model: config.model,
    async step(request, options = {}) {
      const ephemeral = { type: 'ephemeral' } as const;
      const last = request.tools.length - 1;
      const stream = client.messages.stream(
        {
          model: config.model,
          max_tokens: config.maxTokens,
          // Prompt caching: the agent's prompt is static; the breakpoint on it caches the tools
          // too (they come first in the prefix). The run's context follows, uncached.
          system: [
            { type: 'text', text: request.system.prompt, cache_control: ephemeral },
            ...(request.system.context ? [{ type: 'text' as const, text: request.system.context }] : []),
          ],
          tools: request.tools.map((tool, index) => ({
            name: tool.name,
            description: tool.description,
            input_schema: { type: 'object' as const, ...tool.inputSchema },
            ...(index === last ? { cache_control: ephemeral } : {}),
          })),
          messages: toMessageParams(request.messages),
        },
        options.signal ? { signal: options.signal } : {},
      );
      if (options.onText) stream.on('text', options.onText);
      const message = await stream.finalMessage();
      return {
        content: assistantBlocksOf(message.content),
        stopReason: message.stop_reason,
        model: message.model,
        usage: {
          inputTokens: message.usage.input_tokens,
          outputTokens: message.usage.output_tokens,
          cacheReadTokens: message.usage.cache_read_input_tokens ?? 0,
          cacheCreationTokens: message.usage.cache_creation_input_tokens ?? 0,
        },
      };
    },
  };
}

export { Anthropic };
