export interface RetryWithBackoffOptions {
  /** What is being waited for, for the log line (`PostgreSQL`, `Redis`). */
  what: string;
  /** Called before each wait with the failure and the chosen delay. */
  onRetry?: (info: { what: string; attempt: number; delayMs: number; err: unknown }) => void;
  /** First delay; default 200 ms. Doubles up to `maxDelayMs` (default 10 s). */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Give up after this long; default forever (a service waits for its dependencies). */
  deadlineMs?: number;
  signal?: AbortSignal;
}

/** Runs `fn` until it succeeds, waiting with capped exponential backoff between failures. */
export async function retryWithBackoff<T>(fn: () => Promise<T>, options: RetryWithBackoffOptions): Promise<T> {
  const started = Date.now();
  let delay = options.initialDelayMs ?? 200;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (options.signal?.aborted) throw err;
      if (options.deadlineMs !== undefined && Date.now() - started + delay > options.deadlineMs) throw err;
      options.onRetry?.({ what: options.what, attempt, delayMs: delay, err });
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, options.maxDelayMs ?? 10_000);
    }
  }
}
