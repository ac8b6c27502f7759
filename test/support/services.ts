import { createRedis, type ConnectionRole, type RedisClient, type RedisClusterTarget } from '@jobgate/queues';

/** Connection strings of the real Redis and PostgreSQL the tests run against (see global-setup.ts). */
export function testServices(): { redisUrl: string; databaseUrl: string } {
  const redisUrl = process.env.REDIS_URL;
  const databaseUrl = process.env.DATABASE_URL;
  if (!redisUrl || !databaseUrl) {
    throw new Error(`integration tests need Redis and PostgreSQL: ${process.env.JOBGATE_SERVICES_ERROR ?? 'set REDIS_URL and DATABASE_URL'}`);
  }
  return { redisUrl, databaseUrl };
}

/** A name no other test run uses, for a schema or a queue prefix (`t_<random>`). */
export function uniqueName(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * The Redis Cluster the tests run on when REDIS_CLUSTER_NODES is set (`host:port,…`, e.g. from
 * startRedisCluster); null = the single server at REDIS_URL.
 */
export function testRedisCluster(nodes = process.env.REDIS_CLUSTER_NODES): RedisClusterTarget | null {
  if (!nodes) return null;
  return { nodes: nodes.split(',').map((entry) => ({ host: entry.slice(0, entry.lastIndexOf(':')), port: Number(entry.slice(entry.lastIndexOf(':') + 1)) })) };
}

/** A connection to the tests' Redis, through the lib's factory, so it works on a cluster as the roles do. */
export function testRedis(role: ConnectionRole, cluster = testRedisCluster()): RedisClient {
  return createRedis({ url: cluster ? '' : testServices().redisUrl, cluster, role });
}

/** A fresh queue prefix; on a cluster it is a hash tag, `{q_…}`, so all its keys share a slot. */
export function uniquePrefix(prefix = 'q', cluster = testRedisCluster() !== null): string {
  return cluster ? `{${uniqueName(prefix)}}` : uniqueName(prefix);
}
