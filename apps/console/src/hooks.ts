import type { Inputs } from 'preact/hooks';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, nextPollDelay } from './api.ts';

export type Loaded<T> = {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
};

/**
 * Loads once per change of `inputs` (and on reload()); the previous request is aborted, so a
 * late answer never overwrites a newer one. `loader` returning null means "nothing to load yet".
 */
export function useLoad<T>(loader: ((signal: AbortSignal) => Promise<T>) | null, inputs: Inputs): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: loader !== null,
  });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    if (!loader) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    loader(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: null, loading: false });
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setState({ data: null, error: toApiError(err), loading: false });
      },
    );
    return () => controller.abort();
  }, [...inputs, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { ...state, reload };
}

/**
 * Calls `tick` now and then every `intervalMs` while `active`; never two calls at once; stops on
 * unmount; waits while the tab is hidden and after a 429 (Retry-After). Errors are the tick's
 * business.
 */
export function usePolling(tick: () => Promise<void>, intervalMs: number, active: boolean): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let running = false;
    let timer: number | undefined;
    const run = async () => {
      window.clearTimeout(timer);
      timer = undefined;
      if (running || stopped) return;
      if (document.visibilityState === 'hidden') return; // resumed by visibilitychange
      running = true;
      try {
        await latest.current();
      } catch {
        // the tick reports its own errors; polling goes on
      } finally {
        running = false;
      }
      if (!stopped) timer = window.setTimeout(run, nextPollDelay(intervalMs));
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible' && timer === undefined) void run();
    };
    document.addEventListener('visibilitychange', onVisible);
    void run();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [active, intervalMs]);
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError({ title: message, status: 0 });
}

/** Sets the document title for the page (screen readers announce it on navigation). */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — SAEQ`;
  }, [title]);
}
