import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from '../src/sse.ts';

function parse(chunks: string[]): { events: SseEvent[]; retry: number | null } {
  const events: SseEvent[] = [];
  const parser = createSseParser((e) => events.push(e));
  for (const c of chunks) parser.push(c);
  parser.end();
  return { events, retry: parser.retryMs() };
}

describe('createSseParser', () => {
  it('parses typed events with JSON data and ids', () => {
    const { events } = parse([
      'id: 1\nevent: status\ndata: {"status":"processing"}\n\n',
      'id: 2\nevent: text\ndata: Bonjour\n\n',
    ]);
    expect(events).toEqual([
      { event: 'status', data: '{"status":"processing"}', id: '1' },
      { event: 'text', data: 'Bonjour', id: '2' },
    ]);
  });

  it('reassembles events split anywhere across chunks, CRLF included', () => {
    const stream = 'event: answer\r\ndata: ligne 1\r\ndata: ligne 2\r\n\r\nevent: status\rdata: done\r\r';
    for (let cut = 1; cut < stream.length; cut++) {
      const { events } = parse([stream.slice(0, cut), stream.slice(cut)]);
      expect(events, `cut at ${cut}`).toEqual([
        { event: 'answer', data: 'ligne 1\nligne 2', id: '' },
        { event: 'status', data: 'done', id: '' },
      ]);
    }
  });

  it('ignores comments, defaults the type to "message", keeps the last id, reads retry', () => {
    const { events, retry } = parse([': keep-alive\n\nretry: 3000\ndata: a\n\nid: 7\n\ndata:b\n\n']);
    expect(events).toEqual([
      { event: 'message', data: 'a', id: '' },
      { event: 'message', data: 'b', id: '7' },
    ]);
    expect(retry).toBe(3000);
  });

  it('drops an event that the stream ended before terminating, and a leading BOM', () => {
    const { events } = parse(['\ufeffdata: complete\n\ndata: partial']);
    expect(events).toEqual([{ event: 'message', data: 'complete', id: '' }]);
  });

  it('does not dispatch events without data', () => {
    expect(parse(['event: status\n\n']).events).toEqual([]);
  });
});
