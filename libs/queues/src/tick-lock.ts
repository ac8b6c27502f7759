import { randomUUID } from 'node:crypto';
import type { RedisClient } from './connections';
import { redisKeys } from './redis-keys';

/** Extends the lock only while it still holds our token. */
const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/** Deletes the lock only while it still holds our token: never another holder's lock. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export interface TickLockOptions {
  redis: RedisClient;
  /** The full Redis key of the lock (see `pollTickLock`). */
  key: string;
  /**
   * How long the lock outlives a holder that stops renewing it (a crashed process); renewed every
   * third of this while the work runs, however long it takes. Default 30_000.
   */
  ttlMs?: number;
}

export type TickLockResult<T> = { ran: true; value: T } | { ran: false };

/**
 * Mutual exclusion of one periodic task across processes: `SET NX PX` with a random token, renewed
 * while the work runs, released with a token check. A caller that finds the lock held skips its run.
 */
export class TickLock {
  private readonly ttlMs: number;

  constructor(private readonly options: TickLockOptions) {
    this.ttlMs = options.ttlMs ?? 30_000;
  }

  /** Runs `work` if no other process is running it now; otherwise returns `{ ran: false }` at once. */
  async run<T>(work: () => Promise<T>): Promise<TickLockResult<T>> {
    const { redis, key } = this.options;
    const token = randomUUID();
    if ((await redis.set(key, token, 'PX', this.ttlMs, 'NX')) !== 'OK') return { ran: false };
    const renew = setInterval(
      () => {
        // A failed renewal is tried again at the next one; the lock lapses only if all fail for ttlMs.
        redis.eval(RENEW_SCRIPT, 1, key, token, this.ttlMs).catch(() => undefined);
      },
      Math.max(1, Math.floor(this.ttlMs / 3)),
    );
    renew.unref();
    try {
      return { ran: true, value: await work() };
    } finally {
      clearInterval(renew);
      // A release lost to a Redis blip costs one skipped tick at most: the lock then lapses by itself.
      await redis.eval(RELEASE_SCRIPT, 1, key, token).catch(() => undefined);
    }
  }
}

/** The lock around each status-poll tick: one tick at a time across every poller replica. */
export function pollTickLock(options: { redis: RedisClient; prefix: string; intervalMs: number }): TickLock {
  // A crashed replica's lock blocks ticks for at most a few intervals (never under 5 s, so a busy event loop cannot lose it).
  return new TickLock({ redis: options.redis, key: redisKeys.pollTickLock(options.prefix), ttlMs: Math.max(5_000, 3 * options.intervalMs) });
}
