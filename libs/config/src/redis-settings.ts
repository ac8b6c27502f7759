import type { EnvDto } from './env.dto';
import type { RedisClusterConfig } from './jobgate-config';

/**
 * The Redis settings that only make sense together. On a cluster every key of one deployment must
 * hash to one slot (BullMQ's scripts and jobgate's own touch several keys at once), which only a
 * `{hash tag}` in QUEUE_PREFIX guarantees: a prefix without one is refused rather than silently
 * rewritten, so the keys an operator sees are the ones configured.
 */
export function redisProblems(dto: EnvDto): string[] {
  const problems: string[] = [];
  if (dto.REDIS_CLUSTER_NODES) {
    if (dto.REDIS_URL) problems.push('REDIS_URL: set either REDIS_URL (one server) or REDIS_CLUSTER_NODES (a cluster), not both');
    if (dto.QUEUE_PREFIX && !dto.QUEUE_PREFIX.includes('{')) {
      problems.push('QUEUE_PREFIX: on a Redis Cluster it must carry a hash tag, e.g. {jobgate}, so all of its keys share one slot');
    }
    for (const [i, node] of clusterNodes(dto.REDIS_CLUSTER_NODES).entries()) {
      if (!(node.port >= 1 && node.port <= 65535)) problems.push(`REDIS_CLUSTER_NODES: entry ${i + 1} has no valid port`);
    }
  } else {
    for (const key of ['REDIS_USERNAME', 'REDIS_PASSWORD', 'REDIS_TLS'] as const) {
      if (dto[key] !== undefined && dto[key] !== false)
        problems.push(`${key}: only used with REDIS_CLUSTER_NODES; a single server takes them in REDIS_URL (rediss://user:password@host:port)`);
    }
    if (dto.REDIS_TLS_CA_FILE && !dto.REDIS_URL?.startsWith('rediss://')) {
      problems.push('REDIS_TLS_CA_FILE: needs a rediss:// REDIS_URL (or REDIS_CLUSTER_NODES with REDIS_TLS=true)');
    }
  }
  if (dto.REDIS_CLUSTER_NODES && dto.REDIS_TLS_CA_FILE && !dto.REDIS_TLS) problems.push('REDIS_TLS_CA_FILE: needs REDIS_TLS=true');
  return problems;
}

export function redisClusterConfig(dto: EnvDto): RedisClusterConfig | null {
  if (!dto.REDIS_CLUSTER_NODES) return null;
  return {
    nodes: Object.freeze(clusterNodes(dto.REDIS_CLUSTER_NODES)),
    username: dto.REDIS_USERNAME ?? null,
    password: dto.REDIS_PASSWORD ?? null,
    tls: dto.REDIS_TLS ? { caFile: dto.REDIS_TLS_CA_FILE ?? null } : null,
  };
}

// `host:port`, the host possibly an IPv6 address in brackets ([::1]:7000).
function clusterNodes(value: string): { host: string; port: number }[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.lastIndexOf(':');
      return { host: entry.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(entry.slice(at + 1)) };
    });
}
