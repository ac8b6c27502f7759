import type { RedisClient } from './connections';

/**
 * Readiness of one connection: connected, and answering PING. The status is checked first because
 * a worker connection (`maxRetriesPerRequest: null`) would hold a PING until Redis came back.
 */
export async function checkRedis(redis: RedisClient): Promise<void> {
  if (redis.status !== 'ready') throw new Error(`Redis is not connected (${redis.status})`);
  await redis.ping();
}
