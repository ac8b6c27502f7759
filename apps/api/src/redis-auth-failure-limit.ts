import type { Logger } from '@jobgate/logging';
import type { RedisClient } from '@jobgate/queues';
import type { AuthFailureCounter } from './auth-failures';

/** Counts one failure; the window starts with the first (its key expires with it). Returns the count. */
const FAIL_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n
`;

export interface RedisAuthFailureLimitOptions {
  /** The api's producer connection (fails fast when Redis is away). */
  redis: RedisClient;
  /** Where the counters live (redisKeys.authFailures): one key per address, under QUEUE_PREFIX. */
  prefix: string;
  /** Failed authentications one address may have in a window before it is refused outright; default 20. */
  maxFailures?: number;
  /** Length of the window; default 60,000 ms. */
  windowMs?: number;
  logger: Logger;
}

/**
 * Failed authentications per client address, counted in Redis so every api replica adds to one
 * count (a fixed window per address that expires by itself, so nothing grows without bound). Each
 * counter is one key, so it is the same on a Redis Cluster. When Redis cannot count, requests are
 * judged on their key alone: an outage of the guard must not refuse every caller.
 */
export class RedisAuthFailureLimit implements AuthFailureCounter {
  private readonly maxFailures: number;
  private readonly windowMs: number;

  constructor(private readonly options: RedisAuthFailureLimitOptions) {
    this.maxFailures = options.maxFailures ?? 20;
    this.windowMs = options.windowMs ?? 60_000;
  }

  async retryAfterSec(address: string): Promise<number> {
    try {
      // Every /v1 request asks, so the common answer is one GET; the window's end only for a blocked address.
      const key = this.key(address);
      if (Number((await this.options.redis.get(key)) ?? 0) < this.maxFailures) return 0;
      return Math.max(1, Math.ceil((await this.options.redis.pttl(key)) / 1000));
    } catch (err) {
      this.options.logger.warn({ err }, 'failed authentications cannot be counted (Redis); judging the key alone');
      return 0;
    }
  }

  async fail(address: string): Promise<boolean> {
    try {
      return Number(await this.options.redis.eval(FAIL_SCRIPT, 1, this.key(address), this.windowMs)) === this.maxFailures;
    } catch {
      return false;
    }
  }

  private key(address: string): string {
    return `${this.options.prefix}${address}`;
  }
}
