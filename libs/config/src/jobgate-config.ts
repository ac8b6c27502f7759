/** Validated, frozen configuration shared by every role. Defaults are listed in .env.example. */
export interface JobgateConfig {
  port: number;
  /** Port of the small /healthz + /readyz server of the worker and poller; null = none. */
  healthPort: number | null;
  redisUrl: string;
  databaseUrl: string;
  /** PostgreSQL schema holding jobgate's tables (tests use one per run). Default `jobgate`. */
  databaseSchema: string;
  /** BullMQ key prefix (tests use one per run). Default `jobgate`. */
  queuePrefix: string;
  apiKeys: readonly string[];
  authDisabled: boolean;
  modelarts: ModelArtsConfig;
  submitRateLimit: number;
  submitMaxAttempts: number;
  submitConcurrency: number;
  maxActiveJobs: number;
  /** On-demand ModelArts reads (logs, the account's lists) per second across every process; the poll is not counted. Default 5. */
  modelartsReadRateLimit: number;
  /** How old the cached flavors and engines may get before they are read again. Default 5 min. */
  modelartsCatalogRefreshMs: number;
  pollIntervalMs: number;
  pendingTimeoutMs: number;
  webhookSecret: string | null;
  webhookUrl: string | null;
  webhookRetryScheduleSec: readonly number[];
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
