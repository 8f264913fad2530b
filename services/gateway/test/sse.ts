/** Test helper: reads a gateway text/event-stream answer message by message. */

export type SseMessage = { id?: string; event?: string; data?: string; comment?: string };

/** Reads a server-sent event stream until it ends (or `until` says stop), parsing each message. */
export async function readSse(
  res: Response,
  opts: { timeoutMs?: number; until?: (messages: SseMessage[]) => boolean } = {},
): Promise<SseMessage[]> {
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  const messages: SseMessage[] = [];
  let buffer = '';
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  try {
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`SSE stream still open after ${opts.timeoutMs ?? 20_000} ms`);
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('SSE read timed out')), remaining),
        ),
      ]);
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const message: SseMessage = {};
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) message.comment = line.slice(1).trim();
          else if (line.startsWith('id: ')) message.id = line.slice(4);
          else if (line.startsWith('event: ')) message.event = line.slice(7);
          else if (line.startsWith('data: '))
            message.data = (message.data ? `${message.data}\n` : '') + line.slice(6);
        }
        messages.push(message);
        end = buffer.indexOf('\n\n');
      }
      if (opts.until?.(messages)) break;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return messages;
}
