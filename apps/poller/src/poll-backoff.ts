import type { createRedis } from '@jobgate/queues';

export interface BackoffState {
  /** Epoch ms before which ticks are skipped. */
  untilMs: number;
  /** Failed or throttled ticks in a row. */
  failures: number;
}

/** Where the state lives: shared by every poller replica, since any of them may run the next tick. */
export interface BackoffStore {
  read(): Promise<BackoffState>;
  write(state: BackoffState): Promise<void>;
}

export interface PollBackoffOptions {
  /** POLL_INTERVAL_MS: the first back-off skips about one tick. */
  intervalMs: number;
  /** Longest back-off; default 5 min. */
  maxDelayMs?: number;
  now?: () => number;
}

/** Skips ticks with a doubling delay after throttled or failed polls; Retry-After wins when longer. */
export class PollBackoff {
  private readonly now: () => number;

  constructor(
    private readonly store: BackoffStore,
    private readonly options: PollBackoffOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds the current back-off still lasts (0 = poll now). */
  async remainingMs(): Promise<number> {
    return Math.max(0, (await this.store.read()).untilMs - this.now());
  }

  /** Records a failed tick; returns the chosen delay. */
  async failed(retryAfterMs: number | null): Promise<number> {
    const failures = (await this.store.read()).failures + 1;
    const exponential = Math.min(this.options.maxDelayMs ?? 300_000, this.options.intervalMs * 2 ** (failures - 1));
    const delayMs = Math.max(exponential, retryAfterMs ?? 0);
    await this.store.write({ untilMs: this.now() + delayMs, failures });
    return delayMs;
  }

  async succeeded(): Promise<void> {
    if ((await this.store.read()).failures > 0) await this.store.write({ untilMs: 0, failures: 0 });
  }
}

/** The state as one Redis hash; it expires on its own a while after the last failure. */
export function redisBackoffStore(redis: ReturnType<typeof createRedis>, key: string): BackoffStore {
  return {
    async read() {
      const h = await redis.hgetall(key);
      return { untilMs: Number(h.untilMs ?? 0), failures: Number(h.failures ?? 0) };
    },
    async write(state) {
      await redis
        .multi()
        .hset(key, { untilMs: String(state.untilMs), failures: String(state.failures) })
        .pexpire(key, 3_600_000)
        .exec();
    },
  };
}

/** In-process state, for tests of the tick. */
export function memoryBackoffStore(): BackoffStore {
  let state: BackoffState = { untilMs: 0, failures: 0 };
  return {
    read: async () => state,
    write: async (next) => {
      state = next;
    },
  };
}
