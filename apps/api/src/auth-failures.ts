/** What happened to a request that could not authenticate. */
export type AuthFailure = 'missing_api_key' | 'invalid_api_key' | 'blocked';

/** Failed authentications per client address: in memory (AuthFailureLimit) or in Redis (RedisAuthFailureLimit). */
export interface AuthFailureCounter {
  /** Seconds until `address` may try again, or 0 when it may now. */
  retryAfterSec(address: string): number | Promise<number>;
  /** Counts one failure of `address`; true when it has just reached the limit (worth one log line). */
  fail(address: string): boolean | Promise<boolean>;
}

export interface AuthFailureLimitOptions {
  /** Failed authentications one client address may have in a window before it is refused outright; default 20. */
  maxFailures?: number;
  /** Length of the window; default 60,000 ms. */
  windowMs?: number;
  /** Addresses tracked at once; the oldest windows are dropped beyond it. Default 10,000. */
  maxAddresses?: number;
  /** Injected clock for tests; default Date.now. */
  now?: () => number;
}

interface Window {
  startedAt: number;
  failures: number;
}

/**
 * Failed authentications per client address, in memory (per process: for an api without Redis, such
 * as tests; start-api counts in Redis across replicas). An address past `maxFailures` in a window is refused before its key is looked up, so
 * guessing team keys cannot turn into one PostgreSQL query per guess.
 */
export class AuthFailureLimit implements AuthFailureCounter {
  private readonly windows = new Map<string, Window>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly maxAddresses: number;
  private readonly now: () => number;

  constructor(options: AuthFailureLimitOptions = {}) {
    this.maxFailures = options.maxFailures ?? 20;
    this.windowMs = options.windowMs ?? 60_000;
    this.maxAddresses = options.maxAddresses ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Seconds until `address` may try again, or 0 when it may now. */
  retryAfterSec(address: string): number {
    const window = this.current(address);
    if (!window || window.failures < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((window.startedAt + this.windowMs - this.now()) / 1000));
  }

  /** Counts one failure of `address`; true when it has just reached the limit (worth one log line). */
  fail(address: string): boolean {
    const window = this.current(address) ?? this.open(address);
    window.failures++;
    return window.failures === this.maxFailures;
  }

  private current(address: string): Window | undefined {
    const window = this.windows.get(address);
    if (window && this.now() - window.startedAt >= this.windowMs) {
      this.windows.delete(address);
      return undefined;
    }
    return window;
  }

  private open(address: string): Window {
    // A Map iterates in insertion order, so the first key is the oldest window.
    if (this.windows.size >= this.maxAddresses) this.windows.delete(this.windows.keys().next().value!);
    const window = { startedAt: this.now(), failures: 0 };
    this.windows.set(address, window);
    return window;
  }
}
