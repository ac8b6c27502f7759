import { rateLimit, type Options } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import type { RequestHandler } from 'express';
import type { Logger } from '@jobgate/logging';
import { isCluster, type RedisClient } from '@jobgate/queues';
import { sendProblem } from './problem';

export interface KeyRateLimitOptions {
  /** The api's producer connection: fails fast when Redis is away. */
  redis: RedisClient;
  /** Where the counters live (redisKeys.apiRateLimit). */
  prefix: string;
  /** API_RATE_LIMIT: requests per minute per API key. */
  perMinute: number;
  logger: Logger;
}

const WINDOW_MS = 60_000;

/**
 * API_RATE_LIMIT per API key (the `res.locals.caller` hash that bearerAuth sets, so it runs after
 * auth), counted in Redis so the limit holds across api replicas. Over it: 429 problem+json with
 * Retry-After. If Redis cannot count, the request passes: the limit protects the gateway, and a
 * Redis outage already answers writes with 503.
 */
export function keyRateLimit(options: KeyRateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: options.perMinute,
    keyGenerator: (_req, res) => String(res.locals.caller),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    passOnStoreError: true,
    store: new ReloadingRedisStore({ prefix: options.prefix, ...sendCommand(options.redis) }),
    logger: {
      warn: (detail: unknown) => options.logger.warn({ detail }, 'rate limiter'),
      error: (err: unknown) => options.logger.warn({ err }, 'rate limiter cannot reach Redis; letting the request through'),
    },
    handler: (req, res) => {
      const resetTime = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfterSec = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + WINDOW_MS) - Date.now()) / 1000));
      res.setHeader('Retry-After', String(retryAfterSec));
      sendProblem(res, {
        status: 429,
        title: 'Too Many Requests',
        code: 'rate_limited',
        retry_after_sec: retryAfterSec,
        detail: `More than ${options.perMinute} requests in a minute with this API key; retry after ${retryAfterSec} s`,
      });
    },
  } satisfies Partial<Options>);
}

/**
 * rate-limit-redis loads its scripts once, at start; if Redis is away then, the failed load would be
 * kept and every later count would fail. Here a failed load falls back to loading on first use
 * (EVALSHA of an unknown script answers NOSCRIPT, on which the store loads it).
 */
class ReloadingRedisStore extends RedisStore {
  override async init(options: Options): Promise<void> {
    try {
      await super.init(options);
    } catch {
      this.incrementScriptSha = Promise.resolve('not-loaded');
      this.getScriptSha = Promise.resolve('not-loaded');
    }
  }
}

/**
 * How the store talks to Redis. On a cluster its EVALSHA goes to the node holding the key, but a
 * keyless SCRIPT LOAD would go to any node; so scripts are loaded on every master, and a NOSCRIPT
 * (a failed-over or restarted node) makes the store load them everywhere again.
 */
function sendCommand(redis: RedisClient) {
  if (!isCluster(redis)) return { sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as never };
  return {
    sendCommandCluster: async ({ command: [name, ...args] }: { command: string[] }) => {
      if (name!.toUpperCase() !== 'SCRIPT') return redis.call(name!, ...args) as never;
      const [sha] = await Promise.all(redis.nodes('master').map((node) => node.call(name!, ...args)));
      return sha as never;
    },
  };
}
