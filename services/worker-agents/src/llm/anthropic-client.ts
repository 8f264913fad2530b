import Anthropic from '@anthropic-ai/sdk';
import type { AgentUsage } from '@saeq/shared/db';

export type LlmConfig = {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  maxTokens: number;
  timeoutMs: number;
};

export type ChatTurn = { role: 'user' | 'assistant'; content: string };

export type LlmAnswer = { text: string; usage: AgentUsage; model: string; stopReason: string | null };

/** A thin wrapper over the Messages API; retries are the queue's job, so the SDK's own are off. */
export function createLlm(config: LlmConfig) {
  const client = new Anthropic({
    apiKey: config.apiKey,
    ...(config.baseURL ? { baseURL: config.baseURL } : {}),
    maxRetries: 0,
    timeout: config.timeoutMs,
  });
  return {
    model: config.model,
    async answer(system: string, turns: ChatTurn[]): Promise<LlmAnswer> {
      const message = await client.messages.create({
        model: config.model,
        max_tokens: config.maxTokens,
        // The system prompt is stable per agent: cache it (prompt caching).
        system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
        messages: turns,
      });
      const text = message.content
        .filter((b): b is Anthropic.TextBlock => b.type === 'text')
        .map((b) => b.text)
        .join('\n')
        .trim();
      return {
        text,
        model: message.model,
        stopReason: message.stop_reason,
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
export type Llm = ReturnType<typeof createLlm>;

/** Provider errors retrying cannot fix (bad key, bad request, forbidden). */
export function isPermanentLlmError(err: unknown): err is InstanceType<typeof Anthropic.APIError> {
  return (
    err instanceof Anthropic.APIError &&
    (err.status === 400 || err.status === 401 || err.status === 403 || err.status === 404)
  );
}
export { Anthropic };
