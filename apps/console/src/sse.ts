/**
 * Server-sent events parser (WHATWG HTML "Interpreting an event stream"), for streams read with
 * `fetch`: `EventSource` cannot send the `Authorization` header the API needs.
 */

export type SseEvent = {
  /** `event:` field, "message" when absent. */
  event: string;
  /** `data:` lines joined with "\n". */
  data: string;
  /** Last `id:` seen on the stream (it persists across events, as in EventSource). */
  id: string;
};

export type SseParser = {
  /** Feeds decoded text; chunks may split lines and events anywhere. */
  push(chunk: string): void;
  /** The stream ended: an event without its terminating blank line is discarded (spec). */
  end(): void;
  /** Reconnection delay the server asked for (`retry:`), ms. */
  retryMs(): number | null;
};

/** Calls `onEvent` for each complete event; comments (`:` lines) and unknown fields are ignored. */
export function createSseParser(onEvent: (event: SseEvent) => void): SseParser {
  let buffer = '';
  let eventType = '';
  let data: string[] = [];
  let lastId = '';
  let retry: number | null = null;
  let first = true;

  const dispatch = () => {
    if (data.length > 0) onEvent({ event: eventType || 'message', data: data.join('\n'), id: lastId });
    eventType = '';
    data = [];
  };

  const line = (raw: string) => {
    if (raw === '') return dispatch();
    if (raw.startsWith(':')) return;
    const colon = raw.indexOf(':');
    const field = colon === -1 ? raw : raw.slice(0, colon);
    let value = colon === -1 ? '' : raw.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventType = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) lastId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  };

  return {
    push(chunk) {
      buffer += chunk;
      if (first && buffer.length > 0) {
        if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
        first = false;
      }
      // Lines end with CRLF, LF or CR; a trailing CR may be the first half of a CRLF split
      // across chunks, so it waits for the next chunk.
      for (;;) {
        const match = /\r\n|\n|\r(?!$)/.exec(buffer);
        if (!match) break;
        line(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
    },
    end() {
      if (buffer.endsWith('\r')) {
        line(buffer.slice(0, -1));
        buffer = '';
      }
      buffer = '';
      eventType = '';
      data = [];
    },
    retryMs: () => retry,
  };
}
