import { readFileSync } from 'node:fs';
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

export type ConnectionRole = 'producer' | 'worker';

/** A single Redis server or a Redis Cluster: every jobgate command works on either. */
export type RedisClient = Redis | Cluster;

/** Where a Redis Cluster is and how to log in to its nodes (REDIS_CLUSTER_NODES and friends). */
export interface RedisClusterTarget {
  /** Seed nodes, `host:port`; the client discovers the rest of the cluster from any of them. */
  nodes: readonly { host: string; port: number }[];
  /** REDIS_USERNAME (ACL user); default none (the `default` user). */
  username?: string | null;
  /** REDIS_PASSWORD, the same on every node; default none. */
  password?: string | null;
  /** REDIS_TLS: talk TLS to every node; `caFile` (REDIS_TLS_CA_FILE) trusts a private CA. Default off. */
  tls?: { caFile?: string | null } | null;
}

export interface CreateRedisOptions {
  /** A single server's `redis://` or `rediss://` URL (credentials in the URL); ignored when `cluster` is set. */
  url: string;
  /** When set, connect to this Redis Cluster instead of `url`. */
  cluster?: RedisClusterTarget | null;
  /** A CA to trust for a `rediss://` url (REDIS_TLS_CA_FILE), e.g. a private one; default the system's. */
  tlsCaFile?: string | null;
  /**
   * `producer` (the api): fail fast when Redis is down, so a request gets a 503 instead of hanging.
   * `worker`: wait for Redis forever, as BullMQ workers require (`maxRetriesPerRequest: null`).
   */
  role: ConnectionRole;
  onError?: (err: Error) => void;
}

/** Whether a client talks to a Redis Cluster (commands without a key then reach one node, not all). */
export function isCluster(redis: RedisClient): redis is Cluster {
  return redis.isCluster;
}

// Reconnect with capped backoff; every role survives a Redis restart (or a cluster node's).
const retryStrategy = (times: number) => Math.min(100 * 2 ** Math.min(times, 6), 5_000);

export function createRedis(options: CreateRedisOptions): RedisClient {
  const redis = options.cluster ? createCluster(options.cluster, options.role) : createSingle(options);
  // Without a listener ioredis logs unhandled errors to the console on every reconnect attempt.
  redis.on('error', (err: Error) => options.onError?.(err));
  return redis;
}

function createSingle(options: CreateRedisOptions): Redis {
  // ioredis turns `rediss://` into `tls: {}`; a CA given here is merged into it.
  const tls = options.tlsCaFile && options.url.startsWith('rediss://') ? { tls: { ca: readFileSync(options.tlsCaFile) } } : {};
  return new Redis(options.url, { retryStrategy, ...roleOptions(options.role), ...tls });
}

function roleOptions(role: ConnectionRole): RedisOptions {
  return role === 'producer'
    ? // Auto-pipelining sends the commands of concurrent requests in one write: intake throughput.
      { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000, commandTimeout: 5_000, enableAutoPipelining: true }
    : { maxRetriesPerRequest: null, enableReadyCheck: true };
}

/**
 * A Cluster client with the role's behaviour. ioredis takes the offline queue and the reconnect
 * strategy at the cluster level and everything else per node (`redisOptions`); BullMQ reads a
 * worker's `maxRetriesPerRequest: null` from `redisOptions`.
 */
function createCluster(target: RedisClusterTarget, role: ConnectionRole): Cluster {
  const { enableOfflineQueue, enableAutoPipelining, ...perNode } = roleOptions(role);
  const ca = target.tls?.caFile ? readFileSync(target.tls.caFile) : undefined;
  const clusterOptions: ClusterOptions = {
    clusterRetryStrategy: retryStrategy,
    enableOfflineQueue: enableOfflineQueue ?? true,
    enableAutoPipelining: enableAutoPipelining ?? false,
    // A producer must answer within its command timeout even while the cluster is failing over.
    ...(role === 'producer'
      ? { slotsRefreshTimeout: 2_000, retryDelayOnClusterDown: 200, retryDelayOnTryAgain: 100 }
      : // A worker's commands (BullMQ's blocking wait included) outlast a failover (node timeout + election)
        // instead of failing after ioredis' default 16 redirections of 100 ms.
        { retryDelayOnFailover: 300, retryDelayOnClusterDown: 300, maxRedirections: 100 }),
    redisOptions: {
      ...perNode,
      username: target.username ?? undefined,
      password: target.password ?? undefined,
      tls: target.tls ? (ca ? { ca } : {}) : undefined,
    },
  };
  return new Cluster(
    target.nodes.map((n) => ({ host: n.host, port: n.port })),
    clusterOptions,
  );
}
