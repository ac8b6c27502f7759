import { QUEUE_NAMES } from './catalog';

/**
 * Every Redis key jobgate uses beside BullMQ's own, in one place. All live under QUEUE_PREFIX, so one
 * deployment's keys never meet another's. On a Redis Cluster the prefix carries a hash tag
 * (`{jobgate}`), so these keys and BullMQ's all hash to one slot: the multi-key scripts, MULTI
 * blocks and pipelines that mix them stay legal, and the sentinel lives and dies with the queues.
 */
export const redisKeys = {
  /** The sliding-window gate in front of every create call (and its "paused until" key). */
  submitGate: (prefix: string) => `${prefix}:${QUEUE_NAMES.submit}:gate`,
  /** The sliding window of on-demand ModelArts reads (logs, the account's lists), MODELARTS_READ_RATE_LIMIT. */
  modelartsReadGate: (prefix: string) => `${prefix}:modelarts-reads:gate`,
  /** The account's quota as ModelArts' list call last reported it (any role that listed writes it). */
  accountQuota: (prefix: string) => `${prefix}:modelarts:quota`,
  /** When any poller last ran a tick (ms since the epoch): the pollers' watchdog reads it. */
  pollLastTick: (prefix: string) => `${prefix}:${QUEUE_NAMES.poll}:last-tick`,
  /** The poller's shared back-off after failed or throttled polls. */
  pollBackoff: (prefix: string) => `${prefix}:${QUEUE_NAMES.poll}:backoff`,
  /** The lock that lets one poller replica tick at a time. */
  pollTickLock: (prefix: string) => `${prefix}:poll:tick-lock`,
  /** Per-API-key request counters (API_RATE_LIMIT). */
  apiRateLimit: (prefix: string) => `${prefix}:ratelimit:`,
  /** Failed authentications per client address, counted across every api replica. */
  authFailures: (prefix: string) => `${prefix}:auth-failures:`,
  /** Present while Redis holds jobgate's queues; gone after a flush or an empty failover. */
  sentinel: (prefix: string) => `${prefix}:sentinel`,
} as const;
