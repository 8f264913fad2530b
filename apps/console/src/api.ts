import { createSseParser, type SseEvent } from './sse.ts';
import type { Lang } from './types.ts';

/** One entry of an RFC 9457 problem's `errors[]`: a field path and what is wrong with it. */
export type FieldError = { path: string; message: string };

export type Problem = {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
};

/** A failed API call: the problem+json answer, or a stand-in for network failures (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
}

export type UploadProgress = { loaded: number; total: number };

/**
 * When the API last said "too many requests" (429), polling waits until this time (epoch ms):
 * the gateway limits requests per key, and a console left open must not burn the budget.
 */
let rateLimitedUntil = 0;

/** How long to wait before the next poll: `intervalMs`, or longer after a 429's Retry-After. */
export function nextPollDelay(intervalMs: number, now = Date.now()): number {
  return Math.max(intervalMs, rateLimitedUntil - now);
}

/** Waits `ms`; rejects with an AbortError as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException('aborted', 'AbortError'));
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      },
      { once: true },
    );
  });
}

function noteRateLimit(status: number, retryAfter: string | null): void {
  if (status !== 429) return;
  const seconds = Number(retryAfter);
  rateLimitedUntil = Date.now() + (Number.isFinite(seconds) && seconds > 0 ? seconds : 30) * 1000;
}

export type Api = {
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  postForm<T>(path: string, form: FormData): Promise<T>;
  del(path: string): Promise<void>;
  /** XMLHttpRequest, for its upload progress events (fetch has none for request bodies). */
  upload<T>(
    path: string,
    form: FormData,
    onProgress: (p: UploadProgress) => void,
  ): { done: Promise<T>; abort(): void };
  /** A binary answer (export, preview), fetched with the key: links and <img> cannot carry it. */
  blob(path: string, signal?: AbortSignal): Promise<{ blob: Blob; filename: string | null }>;
  /**
   * Reads a text/event-stream answer with fetch. Resolves when the stream ends; rejects with an
   * ApiError when the endpoint answers something else (e.g. 404 where streaming is unavailable).
   */
  stream(path: string, onEvent: (e: SseEvent) => void, signal: AbortSignal): Promise<void>;
};

export type ApiOptions = {
  /** Base URL of the API; "" = same origin (the console is served by the gateway). */
  baseUrl?: string;
  key: () => string | null;
  lang: () => Lang;
  /** Called on 401, so the app can ask for a key again. */
  onUnauthorized?: () => void;
};

const NETWORK_PROBLEM: Record<Lang, Problem> = {
  fr: { title: 'Réseau indisponible', status: 0, detail: 'Le serveur SAEQ ne répond pas. Réessayez.' },
  en: { title: 'Network unavailable', status: 0, detail: 'The SAEQ server does not answer. Try again.' },
};

/** The console's only way to the server: the public API, the key as a Bearer token. */
export function createApi(options: ApiOptions): Api {
  const base = options.baseUrl ?? '';

  const headers = (extra: Record<string, string> = {}): Record<string, string> => {
    const h: Record<string, string> = { 'Accept-Language': options.lang(), ...extra };
    const key = options.key();
    if (key) h.Authorization = `Bearer ${key}`;
    return h;
  };

  const fail = (problem: Problem): never => {
    if (problem.status === 401) options.onUnauthorized?.();
    throw new ApiError(problem);
  };

  const send = async (path: string, init: RequestInit): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(base + path, init);
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError(NETWORK_PROBLEM[options.lang()]);
    }
    if (!res.ok) {
      noteRateLimit(res.status, res.headers.get('retry-after'));
      fail(await problemOf(res));
    }
    return res;
  };

  const json = async <T>(res: Response): Promise<T> => {
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  };

  return {
    async get<T>(path: string, signal?: AbortSignal) {
      const init: RequestInit = { headers: headers({ Accept: 'application/json' }) };
      if (signal) init.signal = signal;
      return json<T>(await send(path, init));
    },
    async post<T>(path: string, body: unknown, signal?: AbortSignal) {
      const init: RequestInit = {
        method: 'POST',
        headers: headers({ Accept: 'application/json', 'Content-Type': 'application/json' }),
        body: JSON.stringify(body),
      };
      if (signal) init.signal = signal;
      return json<T>(await send(path, init));
    },
    async put<T>(path: string, body: unknown) {
      const init: RequestInit = {
        method: 'PUT',
        headers: headers({ Accept: 'application/json', 'Content-Type': 'application/json' }),
        body: JSON.stringify(body),
      };
      return json<T>(await send(path, init));
    },
    async postForm<T>(path: string, form: FormData) {
      return json<T>(
        await send(path, { method: 'POST', headers: headers({ Accept: 'application/json' }), body: form }),
      );
    },
    async del(path: string) {
      await send(path, { method: 'DELETE', headers: headers() });
    },
    upload<T>(path: string, form: FormData, onProgress: (p: UploadProgress) => void) {
      const xhr = new XMLHttpRequest();
      const done = new Promise<T>((resolve, reject) => {
        xhr.open('POST', base + path);
        for (const [name, value] of Object.entries(headers({ Accept: 'application/json' }))) {
          xhr.setRequestHeader(name, value);
        }
        xhr.upload.addEventListener('progress', (e) => {
          if (e.lengthComputable) onProgress({ loaded: e.loaded, total: e.total });
        });
        xhr.addEventListener('load', () => {
          const body = parseJson(xhr.responseText);
          if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
          else {
            noteRateLimit(xhr.status, xhr.getResponseHeader('retry-after'));
            const problem = asProblem(body, xhr.status, xhr.statusText);
            if (problem.status === 401) options.onUnauthorized?.();
            reject(new ApiError(problem));
          }
        });
        xhr.addEventListener('error', () => reject(new ApiError(NETWORK_PROBLEM[options.lang()])));
        xhr.addEventListener('abort', () => reject(new DOMException('Upload aborted', 'AbortError')));
        xhr.send(form);
      });
      return { done, abort: () => xhr.abort() };
    },
    async blob(path: string, signal?: AbortSignal) {
      const init: RequestInit = { headers: headers() };
      if (signal) init.signal = signal;
      const res = await send(path, init);
      return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition')) };
    },
    async stream(path: string, onEvent: (e: SseEvent) => void, signal: AbortSignal) {
      const res = await send(path, { headers: headers({ Accept: 'text/event-stream' }), signal });
      const type = res.headers.get('content-type') ?? '';
      if (!type.startsWith('text/event-stream') || !res.body) {
        throw new ApiError({ title: 'Not an event stream', status: 415, detail: type });
      }
      const parser = createSseParser(onEvent);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.push(value);
        }
      } finally {
        parser.end();
        reader.releaseLock();
      }
    },
  };
}

async function problemOf(res: Response): Promise<Problem> {
  const text = await res.text().catch(() => '');
  return asProblem(parseJson(text), res.status, res.statusText);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Whatever came back, as a problem: the API's own problem+json, or one built from the status. */
export function asProblem(body: unknown, status: number, statusText: string): Problem {
  if (typeof body === 'object' && body !== null && 'title' in body) {
    const b = body as Partial<Problem>;
    const problem: Problem = {
      title: String(b.title),
      status: typeof b.status === 'number' ? b.status : status,
    };
    if (typeof b.detail === 'string') problem.detail = b.detail;
    if (typeof b.type === 'string') problem.type = b.type;
    if (typeof b.code === 'string') problem.code = b.code;
    if (Array.isArray(b.errors)) {
      problem.errors = b.errors
        .filter((e): e is FieldError => typeof e?.path === 'string' && typeof e?.message === 'string')
        .map((e) => ({ path: e.path, message: e.message }));
    }
    return problem;
  }
  return { title: statusText || `HTTP ${status}`, status };
}

/** `attachment; filename="bom-1234.xlsx"` → `bom-1234.xlsx` (RFC 6266, plain and UTF-8 forms). */
export function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition);
  const name = plain?.[1] ?? plain?.[2];
  return name ? name.trim() : null;
}

/** Saves a blob under `filename` through a temporary object URL (the download attribute). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
