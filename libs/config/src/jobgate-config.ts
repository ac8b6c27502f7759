/** Validated, frozen configuration shared by every role. Defaults are listed in .env.example. */
export interface JobgateConfig {
  port: number;
  /**
   * Interface the api listens on; null = every interface. 127.0.0.1 while authentication is
   * disabled, so an open API is never reachable from another machine.
   */
  listenHost: string | null;
  /** Port of the small /healthz + /readyz server of the worker and poller; null = none. */
  healthPort: number | null;
  /** REDIS_URL: the single Redis server (`redis://` or `rediss://`, credentials in the URL); unused with a cluster. */
  redisUrl: string;
  /** REDIS_CLUSTER_NODES and its REDIS_USERNAME / REDIS_PASSWORD / REDIS_TLS settings; null = a single server. */
  redisCluster: RedisClusterConfig | null;
  /** REDIS_TLS_CA_FILE for a single `rediss://` server: a CA to trust beside the system's; null = none. */
  redisTlsCaFile: string | null;
  databaseUrl: string;
  /** PostgreSQL schema holding jobgate's tables (tests use one per run). Default `jobgate`. */
  databaseSchema: string;
  /** DATABASE_POOL_SIZE: PostgreSQL connections each process holds at most; default 10. */
  databasePoolSize: number;
  /** BullMQ key prefix (tests use one per run). Default `jobgate`, `{jobgate}` on a Redis Cluster. */
  queuePrefix: string;
  apiKeys: readonly string[];
  authDisabled: boolean;
  modelarts: ModelArtsConfig;
  submitRateLimit: number;
  submitMaxAttempts: number;
  submitConcurrency: number;
  /** DISPATCH_POLICY: `fair` (by usage ÷ weight across teams, priority within) or `fifo`; default fair. */
  dispatchPolicy: 'fair' | 'fifo';
  /** DISPATCH_WINDOW: jobs admitted and not yet created at most; default SUBMIT_RATE_LIMIT (about a second of creates). */
  dispatchWindow: number;
  /** DISPATCH_INTERVAL_MS: how often a worker looks for waiting work besides being kicked; default 200. */
  dispatchIntervalMs: number;
  /** FAILPOINTS (fault tests only): places where the process kills itself, as a crash there would. Default none. */
  failpoints: readonly string[];
  maxActiveJobs: number;
  /** On-demand ModelArts reads (logs, the account's lists) per second across every process; the poll is not counted. Default 5. */
  modelartsReadRateLimit: number;
  /** How old the cached flavors and engines may get before they are read again. Default 5 min. */
  modelartsCatalogRefreshMs: number;
  pollIntervalMs: number;
  pendingTimeoutMs: number;
  webhookSecret: string | null;
  webhookUrl: string | null;
  /** PUBLIC_URL: how training code reaches the api (report URLs of sweeps with `reporting`); null: the base URL of the request. */
  publicUrl: string | null;
  webhookRetryScheduleSec: readonly number[];
  /** WEBHOOK_SECRET_OVERLAP_S: how long a team's rotated-out secret still signs alongside the new one; default 86 400. */
  webhookSecretOverlapSec: number;
  webhookAllowedCidrs: readonly string[];
  logLevel: string;
  /** Requests per minute per API key on /v1, across all api replicas (Redis); 0 = no limit. Default 600. */
  apiRateLimitPerMinute: number;
  /** Whether /metrics is served (the api's, and the health port's). Default true. */
  metricsEnabled: boolean;
  /** How long a role may take to finish work in flight after SIGTERM before it exits anyway. Default 25 s. */
  shutdownTimeoutMs: number;
}

export type ModelArtsConfig =
  | { kind: 'simulator'; projectId: string }
  | { kind: 'aksk'; endpoint: string; projectId: string; ak: string; sk: string }
  | {
      kind: 'token';
      endpoint: string;
      projectId: string;
      iam: { endpoint: string; username: string; password: string; domainName: string; projectName: string | null };
    };

/** A Redis Cluster: seed nodes and how to log in to every node. */
export interface RedisClusterConfig {
  nodes: readonly { host: string; port: number }[];
  username: string | null;
  password: string | null;
  /** TLS to every node (REDIS_TLS), with REDIS_TLS_CA_FILE when set; null = plain TCP. */
  tls: { caFile: string | null } | null;
}
