import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';

/**
 * The conversation of a run in the only block kinds this worker produces: text, tool_use and
 * tool_result. Kept as plain JSON so it can be checkpointed in the job's data when the job
 * waits for a provider's retry-after, and resumed exactly where it stopped.
 */

export const TextBlock = z.object({ type: z.literal('text'), text: z.string() });
export type TextBlock = z.infer<typeof TextBlock>;

export const ToolUseBlock = z.object({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.unknown(),
});
export type ToolUseBlock = z.infer<typeof ToolUseBlock>;

export const ToolResultBlock = z.object({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z.string(),
  is_error: z.boolean(),
});
export type ToolResultBlock = z.infer<typeof ToolResultBlock>;

export const UserMessage = z.object({
  role: z.literal('user'),
  content: z.union([z.string(), z.array(z.union([TextBlock, ToolResultBlock]))]),
});
export const AssistantMessage = z.object({
  role: z.literal('assistant'),
  content: z.union([z.string(), z.array(z.union([TextBlock, ToolUseBlock]))]),
});
export const ConversationMessage = z.discriminatedUnion('role', [UserMessage, AssistantMessage]);
export type ConversationMessage = z.infer<typeof ConversationMessage>;
export type AssistantBlock = TextBlock | ToolUseBlock;

const ephemeral = { type: 'ephemeral' } as const;

function userBlockParam(
  block: TextBlock | ToolResultBlock,
  cache: boolean,
): Anthropic.TextBlockParam | Anthropic.ToolResultBlockParam {
  const cacheControl = cache ? { cache_control: ephemeral } : {};
  return block.type === 'text'
    ? { type: 'text', text: block.text, ...cacheControl }
    : {
        type: 'tool_result',
        tool_use_id: block.tool_use_id,
        content: block.content,
        ...(block.is_error ? { is_error: true } : {}),
        ...cacheControl,
      };
}

function assistantBlockParam(block: AssistantBlock): Anthropic.TextBlockParam | Anthropic.ToolUseBlockParam {
  return block.type === 'text'
    ? { type: 'text', text: block.text }
    : { type: 'tool_use', id: block.id, name: block.name, input: block.input };
}

/**
 * The Messages API form of the conversation. The last user message carries a cache breakpoint
 * (incremental prompt caching: the next step of the tool loop reads the whole prefix from the
 * cache); with the system prompt's and the last tool's that makes three of the four allowed.
 */
export function toMessageParams(messages: readonly ConversationMessage[]): Anthropic.MessageParam[] {
  const last = messages.length - 1;
  return messages.map((message, index): Anthropic.MessageParam => {
    if (message.role === 'assistant') {
      return {
        role: 'assistant',
        content:
          typeof message.content === 'string' ? message.content : message.content.map(assistantBlockParam),
      };
    }
    const blocks =
      typeof message.content === 'string'
        ? [{ type: 'text' as const, text: message.content }]
        : message.content;
    const cacheHere = index === last;
    return {
      role: 'user',
      content: blocks.map((block, position) =>
        userBlockParam(block, cacheHere && position === blocks.length - 1),
      ),
    };
  });
}

/** The text and tool_use blocks of a model answer (other kinds are not used by SAEQ's agents). */
export function assistantBlocksOf(content: readonly Anthropic.ContentBlock[]): AssistantBlock[] {
  return content.flatMap((block): AssistantBlock[] => {
    // The API refuses empty text blocks when they are sent back.
    if (block.type === 'text') return block.text === '' ? [] : [{ type: 'text', text: block.text }];
    if (block.type === 'tool_use')
      return [{ type: 'tool_use', id: block.id, name: block.name, input: block.input }];
    return [];
  });
}

export function textOf(blocks: readonly AssistantBlock[]): string {
  return blocks
    .filter((block): block is TextBlock => block.type === 'text')
    .map((block) => block.text)
    .join('\n')
    .trim();
}
