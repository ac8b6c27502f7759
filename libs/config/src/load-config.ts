import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { EnvDto } from './env.dto';
import type { JobgateConfig, ModelArtsConfig } from './jobgate-config';
import { redisClusterConfig, redisProblems } from './redis-settings';

export type ConfigResult = { ok: true; config: JobgateConfig } | { ok: false; problems: string[] };

export const DEFAULT_WEBHOOK_RETRY_SCHEDULE = '5,300,1800,7200,18000,36000,36000';
/** Where jobgate looks for Redis and PostgreSQL when REDIS_URL / DATABASE_URL are unset. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Reads and checks the whole environment at once. Problems name the variable, never its value,
 * so a mistyped secret is not printed to logs.
 */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const dto = plainToInstance(EnvDto, pickKnown(env));
  const problems = validateSync(dto).map(describe);
  problems.push(...crossFieldProblems(dto));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, config: Object.freeze(toConfig(dto)) };
}

// Empty variables count as unset, the way shells and compose files usually mean them.
function pickKnown(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}

function describe(error: ValidationError): string {
  const why = Object.values(error.constraints ?? {}).join('; ');
  return `${error.property}: ${why}`;
}

function crossFieldProblems(dto: EnvDto): string[] {
  const problems: string[] = [];
  if (dto.MODELARTS_ENDPOINT) {
    const hasAkSk = Boolean(dto.MODELARTS_AK || dto.MODELARTS_SK);
    const hasIam = Boolean(dto.IAM_ENDPOINT || dto.IAM_USERNAME || dto.IAM_PASSWORD || dto.IAM_DOMAIN_NAME);
    if (!dto.MODELARTS_PROJECT_ID) problems.push('MODELARTS_PROJECT_ID: required when MODELARTS_ENDPOINT is set');
    if (hasAkSk && hasIam) problems.push('MODELARTS_AK: set either MODELARTS_AK/MODELARTS_SK or the IAM_* variables, not both');
    else if (hasAkSk) {
      if (!dto.MODELARTS_AK) problems.push('MODELARTS_AK: required together with MODELARTS_SK');
      if (!dto.MODELARTS_SK) problems.push('MODELARTS_SK: required together with MODELARTS_AK');
    } else if (hasIam) {
      for (const key of ['IAM_ENDPOINT', 'IAM_USERNAME', 'IAM_PASSWORD', 'IAM_DOMAIN_NAME'] as const) {
        if (!dto[key]) problems.push(`${key}: required for IAM token authentication`);
      }
    } else {
      problems.push(
        'MODELARTS_AK: MODELARTS_ENDPOINT needs credentials: MODELARTS_AK + MODELARTS_SK, or IAM_ENDPOINT + IAM_USERNAME + IAM_PASSWORD + IAM_DOMAIN_NAME',
      );
    }
  }
  problems.push(...redisProblems(dto));
  const keys = splitList(dto.API_KEYS);
  // An open API may only ever front the built-in simulator: nothing it accepts costs money.
  if (dto.AUTH_DISABLED && dto.MODELARTS_ENDPOINT) {
    problems.push('AUTH_DISABLED: authentication can be off only with the built-in simulator (no MODELARTS_ENDPOINT); set API_KEYS');
  } else if (keys.length === 0 && !dto.AUTH_DISABLED) {
    problems.push(
      dto.MODELARTS_ENDPOINT
        ? 'API_KEYS: required with MODELARTS_ENDPOINT (comma-separated bearer keys, at least 16 characters each)'
        : 'API_KEYS: required (comma-separated bearer keys); set AUTH_DISABLED=true only for local use',
    );
  }
  if (keys.some((k) => k.length < 16)) problems.push('API_KEYS: every key must be at least 16 characters');
  // Webhooks are never sent unsigned: a default receiver without a secret would get nothing.
  if (dto.WEBHOOK_URL && !dto.WEBHOOK_SECRET) problems.push('WEBHOOK_SECRET: required when WEBHOOK_URL is set (webhooks are always signed)');
  for (const cidr of splitList(dto.WEBHOOK_ALLOWED_CIDRS)) {
    if (!/^[0-9a-fA-F.:]+\/\d{1,3}$/.test(cidr)) problems.push(`WEBHOOK_ALLOWED_CIDRS: "${cidr}" is not a CIDR such as 10.0.0.0/8`);
  }
  return problems;
}

function toConfig(dto: EnvDto): JobgateConfig {
  return {
    port: dto.PORT ?? 8080,
    listenHost: dto.AUTH_DISABLED ? '127.0.0.1' : null,
    healthPort: dto.HEALTH_PORT ?? null,
    redisUrl: dto.REDIS_URL ?? DEFAULT_REDIS_URL,
    redisCluster: redisClusterConfig(dto),
    redisTlsCaFile: dto.REDIS_CLUSTER_NODES ? null : (dto.REDIS_TLS_CA_FILE ?? null),
    databaseUrl: dto.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    databaseSchema: dto.DATABASE_SCHEMA ?? 'jobgate',
    databasePoolSize: dto.DATABASE_POOL_SIZE ?? 10,
    queuePrefix: dto.QUEUE_PREFIX ?? (dto.REDIS_CLUSTER_NODES ? '{jobgate}' : 'jobgate'),
    apiKeys: Object.freeze(splitList(dto.API_KEYS)),
    authDisabled: dto.AUTH_DISABLED ?? false,
    modelarts: modelArtsConfig(dto),
    submitRateLimit: dto.SUBMIT_RATE_LIMIT ?? 10,
    submitMaxAttempts: dto.SUBMIT_MAX_ATTEMPTS ?? 8,
    submitConcurrency: dto.SUBMIT_CONCURRENCY ?? 16,
    dispatchPolicy: (dto.DISPATCH_POLICY as 'fair' | 'fifo' | undefined) ?? 'fair',
    // About one second of creates: admission stays close to the create, so the order is decided late.
    dispatchWindow: dto.DISPATCH_WINDOW ?? dto.SUBMIT_RATE_LIMIT ?? 10,
    dispatchIntervalMs: dto.DISPATCH_INTERVAL_MS ?? 200,
    failpoints: (dto.FAILPOINTS ?? '')
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean),
    maxActiveJobs: dto.MAX_ACTIVE_JOBS ?? 100,
    modelartsReadRateLimit: dto.MODELARTS_READ_RATE_LIMIT ?? 5,
    modelartsCatalogRefreshMs: dto.MODELARTS_CATALOG_REFRESH_MS ?? 300_000,
    pollIntervalMs: dto.POLL_INTERVAL_MS ?? 10_000,
    pendingTimeoutMs: dto.PENDING_TIMEOUT_MS ?? 24 * 3600_000,
    webhookSecretOverlapSec: dto.WEBHOOK_SECRET_OVERLAP_S ?? 86_400,
    webhookSecret: dto.WEBHOOK_SECRET ?? null,
    webhookUrl: dto.WEBHOOK_URL ?? null,
    publicUrl: dto.PUBLIC_URL ? dto.PUBLIC_URL.replace(/\/+$/, '') : null,
    webhookRetryScheduleSec: Object.freeze(splitList(dto.WEBHOOK_RETRY_SCHEDULE ?? DEFAULT_WEBHOOK_RETRY_SCHEDULE).map(Number)),
    webhookAllowedCidrs: Object.freeze(splitList(dto.WEBHOOK_ALLOWED_CIDRS)),
    logLevel: dto.LOG_LEVEL ?? 'info',
    apiRateLimitPerMinute: dto.API_RATE_LIMIT ?? 600,
    metricsEnabled: dto.METRICS_ENABLED ?? true,
    // Below the 30 s Kubernetes and Docker give before SIGKILL, so the process exits on its own terms.
    shutdownTimeoutMs: dto.SHUTDOWN_TIMEOUT_MS ?? 25_000,
  };
}

function modelArtsConfig(dto: EnvDto): ModelArtsConfig {
  const projectId = dto.MODELARTS_PROJECT_ID ?? 'sim-project';
  if (!dto.MODELARTS_ENDPOINT) return { kind: 'simulator', projectId };
  if (dto.MODELARTS_AK && dto.MODELARTS_SK) {
    return { kind: 'aksk', endpoint: dto.MODELARTS_ENDPOINT, projectId, ak: dto.MODELARTS_AK, sk: dto.MODELARTS_SK };
  }
  return {
    kind: 'token',
    endpoint: dto.MODELARTS_ENDPOINT,
    projectId,
    iam: {
      endpoint: dto.IAM_ENDPOINT!,
      username: dto.IAM_USERNAME!,
      password: dto.IAM_PASSWORD!,
      domainName: dto.IAM_DOMAIN_NAME!,
      projectName: dto.IAM_PROJECT_NAME ?? null,
    },
  };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
