import { describe, expect, it } from 'vitest';
import { assistantBlocksOf, type ConversationMessage, textOf, toMessageParams } from './conversation.ts';

describe('toMessageParams', () => {
  it('puts one cache breakpoint on the last block of the last user message', () => {
    const messages: ConversationMessage[] = [
      { role: 'user', content: 'Question 1' },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_1', name: 'calc_box_fill', input: { a: 1 } }],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: '{"ok":true}', is_error: false },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: '{"error":{}}', is_error: true },
        ],
      },
    ];
    expect(toMessageParams(messages)).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Question 1' }] },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_1', name: 'calc_box_fill', input: { a: 1 } }],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: '{"ok":true}' },
          {
            type: 'tool_result',
            tool_use_id: 'toolu_2',
            content: '{"error":{}}',
            is_error: true,
            cache_control: { type: 'ephemeral' },
          },
        ],
      },
    ]);
  });
});

describe('assistantBlocksOf', () => {
  it('keeps text and tool_use blocks, drops empty text', () => {
    const blocks = assistantBlocksOf([
      { type: 'text', text: '', citations: null },
      { type: 'text', text: 'Je calcule.', citations: null },
      { type: 'tool_use', id: 'toolu_1', name: 'calc_box_fill', input: {} },
    ] as never);
    expect(blocks).toEqual([
      { type: 'text', text: 'Je calcule.' },
      { type: 'tool_use', id: 'toolu_1', name: 'calc_box_fill', input: {} },
    ]);
    expect(textOf(blocks)).toBe('Je calcule.');
  });
});
