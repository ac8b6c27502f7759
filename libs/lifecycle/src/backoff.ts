export interface BackoffOptions {
  /** Base of the exponential; default 1 s. */
  baseMs?: number;
  /** Upper bound of any single delay; default 60 s. */
  capMs?: number;
  random?: () => number;
}

/**
 * "Full jitter" (AWS Architecture Blog, Exponential Backoff and Jitter): uniform in
 * [0, min(cap, base·2^n)), so many workers retrying together spread out instead of stampeding.
 * A server's Retry-After wins when it asks for longer.
 */
export function fullJitterDelay(failures: number, retryAfterMs: number | null, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 1_000;
  const cap = options.capMs ?? 60_000;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, failures - 1));
  const jittered = Math.floor((options.random ?? Math.random)() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}
