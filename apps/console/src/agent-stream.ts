import type { Api } from './api.ts';
import { ApiError, nextPollDelay, sleep } from './api.ts';
import type { SseEvent } from './sse.ts';
import type { AgentRun, JobStatus, ToolCall } from './types.ts';

/** What the page shows while a run is followed: the run as known so far, and how it was followed. */
export type RunProgress = { run: Partial<AgentRun> & { id: string }; via: 'stream' | 'polling' };

const isTerminal = (s: JobStatus | undefined) => s === 'completed' || s === 'failed';

function parseData(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function field(obj: unknown, name: string): unknown {
  return typeof obj === 'object' && obj !== null ? (obj as Record<string, unknown>)[name] : undefined;
}

/**
 * Applies one event of `GET /v1/agent-runs/{id}/events` (types `status` {status}, `tool_call`
 * {name, input, output}, `text` {delta} — answer text as the model writes it —, `answer` {text},
 * `error` {code, message, final}) to the run known so far. Pure. Unknown event types are
 * ignored, so the stream may grow.
 */
export function applyRunEvent(
  run: Partial<AgentRun> & { id: string },
  event: SseEvent,
): Partial<AgentRun> & { id: string } {
  const data = parseData(event.data);
  switch (event.event) {
    case 'status': {
      const status = typeof data === 'string' ? data : field(data, 'status');
      return typeof status === 'string' ? { ...run, status: status as JobStatus } : run;
    }
    case 'text': {
      const chunk = typeof data === 'string' ? data : (field(data, 'delta') ?? field(data, 'text'));
      return typeof chunk === 'string' ? { ...run, answer: (run.answer ?? '') + chunk } : run;
    }
    case 'answer': {
      const answer = typeof data === 'string' ? data : (field(data, 'answer') ?? field(data, 'text'));
      return typeof answer === 'string' ? { ...run, answer } : run;
    }
    case 'tool_call': {
      const name = field(data, 'name');
      if (typeof name !== 'string') return run;
      const call: ToolCall = { name, input: field(data, 'input'), output: field(data, 'output') };
      return { ...run, toolCalls: [...(run.toolCalls ?? []), call] };
    }
    case 'error': {
      // `final: false`: a transient failure the worker retries (a `status: queued` follows).
      if (field(data, 'final') === false) return run;
      const message = typeof data === 'string' ? data : field(data, 'message');
      const code = field(data, 'code');
      return {
        ...run,
        status: 'failed',
        error: { code: typeof code === 'string' ? code : 'error', message: String(message ?? '') },
      };
    }
    default:
      return run;
  }
}

/**
 * Follows a run to its end: the SSE stream (read with fetch, since EventSource cannot send the
 * key) while it is available, else polling `GET /v1/agent-runs/{id}`. The final state always
 * comes from `GET /v1/agent-runs/{id}`, the source of truth.
 */
export async function followRun(
  api: Api,
  runId: string,
  onProgress: (p: RunProgress) => void,
  signal: AbortSignal,
  pollMs = 800,
): Promise<AgentRun> {
  let run: Partial<AgentRun> & { id: string } = { id: runId, status: 'queued' };
  let streamed = false;
  try {
    await api.stream(
      `/v1/agent-runs/${runId}/events`,
      (event) => {
        streamed = true;
        run = applyRunEvent(run, event);
        onProgress({ run, via: 'stream' });
      },
      signal,
    );
  } catch (err) {
    if (signal.aborted) throw err;
    // No stream (404 where the endpoint is missing, a proxy in the way, a dropped connection):
    // polling takes over; what was streamed so far stays on screen.
    if (!(err instanceof ApiError) && !(err instanceof TypeError)) throw err;
  }
  for (;;) {
    const latest = await api.get<AgentRun>(`/v1/agent-runs/${runId}`, signal);
    onProgress({ run: latest, via: streamed ? 'stream' : 'polling' });
    if (isTerminal(latest.status)) return latest;
    await sleep(nextPollDelay(pollMs), signal);
  }
}
