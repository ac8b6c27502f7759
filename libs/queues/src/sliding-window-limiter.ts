import type { RedisClient } from './connections';

/**
 * A sliding-window gate checked right before each ModelArts create call, shared by every worker.
 * BullMQ's limiter paces fetching in fixed windows, which lets two windows' calls sit closer than
 * one second apart; this gate makes "at most N calls in ANY window of `windowMs`" hold where it
 * counts, at ModelArts: a call stays in the window from the moment it is admitted until `windowMs`
 * after it has been ANSWERED (its arrival at ModelArts lies somewhere in between, unknown to us).
 * While in flight its score sits `inFlightTtlMs` in the future and the permit pushes it forward
 * again every third of that, however long the call takes; a crashed caller stops renewing, so its
 * place comes back by itself within `inFlightTtlMs` + `windowMs`. It also carries the "paused until" instant set after a 429, so calls already
 * fetched wait too. Time comes from the Redis server (TIME), so worker clocks do not matter.
 */
const ACQUIRE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local pausedUntil = tonumber(redis.call('GET', KEYS[2]) or '0')
if pausedUntil > now then return pausedUntil - now end
local window = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local inFlight = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < max then
  redis.call('ZADD', KEYS[1], now + inFlight, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window + inFlight + 1000)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now + 1)
`;

/** Keeps a call in flight in the window: its place lasts `inFlightTtlMs` from now. */
const RENEW_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 0
`;

/**
 * Marks a call answered: its window now runs from this instant. Added back if it had been dropped
 * (a renewal lost to a Redis blip): an answered call was sent, and counts for the next window.
 */
const DONE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[1])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

const PAUSE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local target = now + tonumber(ARGV[1])
if target > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], target, 'PX', tonumber(ARGV[1]) + 1000)
end
return 0
`;

export interface SlidingWindowLimiterOptions {
  redis: RedisClient;
  /**
   * Redis key prefix, e.g. `jobgate:submit` (redisKeys.submitGate). The acquire script touches two keys
   * under it, so on a Redis Cluster it must carry a hash tag, as every prefix from redisKeys does.
   */
  keyPrefix: string;
  /** Calls allowed in any window. */
  max: number;
  /** Window length; default 1000 ms. */
  windowMs?: number;
  /**
   * How long an unanswered call holds its place without its permit renewing it (every third of
   * this): only a crashed caller's place ever lapses, within this plus `windowMs`; default 35 s.
   */
  inFlightTtlMs?: number;
  /** Longest single wait before asking again (a call in flight may finish any moment); default 50 ms. */
  maxPollMs?: number;
}

/** One admitted call; `done()` once it has been answered (or has failed). Its place is renewed until then. */
export interface Permit {
  done(): Promise<void>;
}

export class SlidingWindowLimiter {
  private readonly windowMs: number;
  private seq = 0;

  constructor(private readonly options: SlidingWindowLimiterOptions) {
    this.windowMs = options.windowMs ?? 1_000;
  }

  /** Waits until a call may be made, then counts it. Call `done()` on the permit when the call is answered. */
  async acquire(signal?: AbortSignal): Promise<Permit> {
    for (;;) {
      const member = `${process.pid}:${Date.now()}:${this.seq++}:${Math.random()}`;
      const waitMs = await this.tryAcquire(member);
      if (waitMs === 0) return this.permit(member);
      await sleep(Math.min(waitMs, this.options.maxPollMs ?? 50), signal);
    }
  }

  /** 0 when the call is counted now (as `member`); otherwise how long until a place may free up. */
  async tryAcquire(member = `${process.pid}:${Date.now()}:${this.seq++}:${Math.random()}`): Promise<number> {
    const result = await this.options.redis.eval(ACQUIRE_SCRIPT, 2, this.windowKey, this.pauseKey, this.windowMs, this.options.max, member, this.inFlightTtlMs);
    return Number(result);
  }

  /** Renews the place while the call is in flight; `done()` stops renewing and starts its window. */
  private permit(member: string): Permit {
    const ttlMs = this.inFlightTtlMs;
    const renew = () => {
      // A failed renewal is tried again at the next tick; the place lapses only if every one fails.
      this.options.redis.eval(RENEW_SCRIPT, 1, this.windowKey, member, ttlMs, this.keyTtlMs).catch(() => undefined);
    };
    const timer = setInterval(renew, Math.max(1, Math.floor(ttlMs / 3)));
    timer.unref();
    let finished: Promise<void> | null = null;
    return {
      done: () => {
        clearInterval(timer);
        finished ??= this.options.redis.eval(DONE_SCRIPT, 1, this.windowKey, member, this.keyTtlMs).then(() => undefined);
        return finished;
      },
    };
  }

  private get inFlightTtlMs(): number {
    return this.options.inFlightTtlMs ?? 35_000;
  }

  /** The window key outlives every place in it. */
  private get keyTtlMs(): number {
    return this.windowMs + this.inFlightTtlMs + 1_000;
  }

  /** Blocks every caller (all workers) for `ms`, as after a 429 with Retry-After. Never shortens a longer pause. */
  async pauseFor(ms: number): Promise<void> {
    await this.options.redis.eval(PAUSE_SCRIPT, 1, this.pauseKey, Math.max(1, Math.round(ms)));
  }

  private get windowKey(): string {
    return `${this.options.keyPrefix}:window`;
  }

  private get pauseKey(): string {
    return `${this.options.keyPrefix}:paused-until`;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
