import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { asApiError } from '../api/api-error';
import type { LogPage } from '../api/types';
import { POLL_INTERVAL_MS } from './use-polling';

/** Lines kept in the page; older ones are dropped (the CLI reads a whole log). */
export const MAX_KEPT_LINES = 5_000;
// A full page means more lines are waiting: read on at once instead of after the interval.
const FULL_PAGE = 500;

export interface LogFollow {
  /** `[line number, text]`, oldest first. */
  lines: Array<[number, string]>;
  files: string[];
  file: string | null;
  hint: string | null;
  /** True until the job has ended and the file was read to its end (or an error stopped reading). */
  following: boolean;
  /** Lines dropped from the top to keep MAX_KEPT_LINES. */
  dropped: number;
  error: string | null;
}

const START: LogFollow = { lines: [], files: [], file: null, hint: null, following: true, dropped: 0, error: null };

/**
 * Reads a job's log from the start and follows it while the job runs: page after page from
 * `next_cursor`, every 2 s once caught up, until jobgate answers a null cursor. A 429 (the ModelArts
 * read budget is shared by everyone) waits out its Retry-After; the API being away is retried.
 */
export function useLogFollow(client: ApiClient, jobId: string, file: string | null): LogFollow {
  const [state, setState] = useState<LogFollow>(START);
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cursor: string | null = '0';
    setState(START);
    const later = (ms: number) => {
      timer = setTimeout(step, ms);
    };
    const step = async () => {
      if (document.hidden) return later(POLL_INTERVAL_MS);
      const query = { cursor: cursor!, ...(file ? { file } : {}) };
      let page: LogPage;
      try {
        page = await client.call((api) => api.GET('/v1/jobs/{id}/logs', { params: { path: { id: jobId }, query }, signal: controller.signal }));
      } catch (err) {
        if (controller.signal.aborted) return;
        const error = asApiError(err);
        const retryAfterSec = Number(error.problem?.retry_after_sec);
        if (error.status === 429) return later(retryAfterSec > 0 ? retryAfterSec * 1000 : POLL_INTERVAL_MS);
        if (error.kind === 'down') return later(POLL_INTERVAL_MS);
        return setState((s) => ({ ...s, following: false, error: error.message }));
      }
      if (controller.signal.aborted) return;
      cursor = page.next_cursor;
      setState((s) => append(s, page));
      if (cursor !== null) later(page.lines.length >= FULL_PAGE ? 0 : POLL_INTERVAL_MS);
    };
    void step();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [client, jobId, file]);
  return state;
}

function append(state: LogFollow, page: LogPage): LogFollow {
  const first = page.first_line ?? 0;
  const lines = state.lines.concat(page.lines.map((text, i): [number, string] => [first + i, text]));
  const excess = Math.max(0, lines.length - MAX_KEPT_LINES);
  return {
    lines: excess ? lines.slice(excess) : lines,
    files: page.files,
    file: page.file,
    hint: page.hint,
    following: page.next_cursor !== null,
    dropped: state.dropped + excess,
    error: null,
  };
}
