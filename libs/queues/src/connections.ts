import { Redis, type RedisOptions } from 'ioredis';

export type ConnectionRole = 'producer' | 'worker';

export interface CreateRedisOptions {
  url: string;
  /**
   * `producer` (the api): fail fast when Redis is down, so a request gets a 503 instead of hanging.
   * `worker`: wait for Redis forever, as BullMQ workers require (`maxRetriesPerRequest: null`).
   */
  role: ConnectionRole;
  onError?: (err: Error) => void;
}

export function createRedis(options: CreateRedisOptions): Redis {
  const base: RedisOptions = {
    // Reconnect with capped backoff; every role survives a Redis restart.
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 6), 5_000),
  };
  const roleOptions: RedisOptions =
    options.role === 'producer'
      ? // Auto-pipelining sends the commands of concurrent requests in one write: intake throughput.
        { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000, commandTimeout: 5_000, enableAutoPipelining: true }
      : { maxRetriesPerRequest: null, enableReadyCheck: true };
  const redis = new Redis(options.url, { ...base, ...roleOptions });
  // Without a listener ioredis logs unhandled errors to the console on every reconnect attempt.
  redis.on('error', (err) => options.onError?.(err));
  return redis;
}
