import type { JobgateConfig } from '@jobgate/config';
import type { Logger } from '@jobgate/logging';
import type { JobgateMetrics } from '@jobgate/metrics';
import { checkRedis, queueDepths, redisKeys, type JobgateQueues, type RedisClient } from '@jobgate/queues';
import { checkDatabase, SubmissionRepository, tables, TeamRepository, type createPool } from '@jobgate/store';
import type { ApiDeps } from './app';
import { queueDashboard } from './admin/queue-dashboard';
import { keyRateLimit } from './rate-limit';
import { RedisAuthFailureLimit } from './redis-auth-failure-limit';

export interface OperationsOptions {
  config: JobgateConfig;
  pool: ReturnType<typeof createPool>;
  /** The api's producer connection. */
  redis: RedisClient;
  queues: JobgateQueues;
  metrics: JobgateMetrics;
  logger: Logger;
}

export type OperationsDeps = Pick<ApiDeps, 'ops' | 'queueDashboard' | 'rateLimit' | 'authFailureLimit' | 'onAccepted' | 'onAnswered' | 'onAuthFailure'> & {
  close(): Promise<void>;
};

/**
 * What makes the api operable, composed from the adapters: readiness checks, metrics (with the
 * queue depths and active jobs read on scrape), the queue dashboard, the per-key rate limit.
 */
export function operationsDeps(options: OperationsOptions): OperationsDeps {
  const { config, pool, redis, queues, metrics, logger } = options;
  const t = tables(config.databaseSchema);
  const submissions = new SubmissionRepository(pool, t);
  metrics.collectOnScrape({
    queueDepths: () => queueDepths(queues),
    activeJobs: () => submissions.activeCount(),
    maxActiveJobs: config.maxActiveJobs,
    accountQuota: () => queues.readAccountQuota(),
    teamUsage: async () => (await new TeamRepository(pool, t).list()).map((t) => ({ team: t.name, ...t.usage })),
    onError: (source, err) => logger.warn({ err, source }, 'metrics: could not read a gauge on scrape'),
  });
  return {
    ops: {
      readiness: { redis: () => checkRedis(redis), postgres: () => checkDatabase(pool, config.databaseSchema) },
      metrics: config.metricsEnabled ? () => metrics.scrape() : undefined,
    },
    queueDashboard: queueDashboard({ queues: queues.all() }),
    rateLimit:
      config.apiRateLimitPerMinute > 0
        ? keyRateLimit({ redis, prefix: redisKeys.apiRateLimit(config.queuePrefix), perMinute: config.apiRateLimitPerMinute, logger })
        : undefined,
    // In Redis, so every api replica counts an address's failures together.
    authFailureLimit: new RedisAuthFailureLimit({ redis, prefix: redisKeys.authFailures(config.queuePrefix), logger }),
    onAccepted: (count, source) => metrics.jobsAccepted(count, source),
    onAnswered: metrics.httpRequest,
    onAuthFailure: (failure) => metrics.authFailure(failure),
    close: async () => undefined,
  };
}
