import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { asApiError, type ApiError } from '../api/api-error';

/** The refresh period while anything shown can still change. */
export const POLL_INTERVAL_MS = 2_000;

export interface PollingOptions<T> {
  /** What is loaded (the API path, say); a new key loads at once. */
  key: string;
  /** Whether the data can still change, so another refresh is due. */
  keepPolling: (data: T) => boolean;
  /**
   * Show the previous key's data until the new key's arrives (list filters, paging), instead of
   * nothing; default false (a different job's record must never stand in for this one's).
   */
  keepAcrossKeys?: boolean;
  intervalMs?: number;
}

export interface Polled<T> {
  /** The last good answer; kept while refreshing and through errors, so nothing flickers. */
  data: T | undefined;
  /** The last refresh's error, cleared by the next success. */
  error: ApiError | undefined;
  /** True while a request is in flight (for a quiet "updating" hint, never to hide content). */
  busy: boolean;
  /** Loads again now (retry buttons, after an action). */
  reload: () => void;
}

/**
 * Loads `load()` now and every `intervalMs` after each answer while `keepPolling(data)` holds, or
 * while the API is down (so the page recovers by itself). A refused key stops it: the app signs out.
 * Hidden tabs skip refreshes and catch up when shown again.
 */
export function usePolling<T>(load: (signal: AbortSignal) => Promise<T>, options: PollingOptions<T>): Polled<T> {
  const [state, setState] = useState<PollState<T>>({ dataKey: null, data: undefined, errorKey: null, error: undefined, busy: true });
  const [nonce, setNonce] = useState(0);
  const latest = useRef({ load, options });
  latest.current = { load, options };

  useEffect(() => {
    const key = options.key;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let waiting = false;
    const schedule = () => {
      waiting = true;
      timer = setTimeout(tick, latest.current.options.intervalMs ?? POLL_INTERVAL_MS);
    };
    const tick = async () => {
      waiting = false;
      if (document.hidden) return schedule();
      setState((s) => ({ ...s, busy: true }));
      try {
        const data = await latest.current.load(controller.signal);
        if (controller.signal.aborted) return;
        setState({ dataKey: key, data, errorKey: null, error: undefined, busy: false });
        if (latest.current.options.keepPolling(data)) schedule();
      } catch (err) {
        if (controller.signal.aborted) return;
        const error = asApiError(err);
        setState((s) => ({ ...s, errorKey: key, error, busy: false }));
        if (error.kind === 'down') schedule();
      }
    };
    // A tab shown again refreshes at once instead of waiting out the rest of the period.
    const onVisible = () => {
      if (document.hidden || !waiting) return;
      clearTimeout(timer);
      void tick();
    };
    document.addEventListener('visibilitychange', onVisible);
    void tick();
    return () => {
      controller.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [options.key, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const current = state.dataKey === options.key;
  return {
    data: current || options.keepAcrossKeys ? state.data : undefined,
    error: state.errorKey === options.key ? state.error : undefined,
    busy: state.busy || !current,
    reload,
  };
}

interface PollState<T> {
  dataKey: string | null;
  data: T | undefined;
  errorKey: string | null;
  error: ApiError | undefined;
  busy: boolean;
}
