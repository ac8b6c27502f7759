import type { Worker } from 'bullmq';
import type { JobgateConfig } from '@jobgate/config';
import { retryWithBackoff } from '@jobgate/errors';
import type { HealthChecks } from '@jobgate/health';
import { Lifecycle } from '@jobgate/lifecycle';
import { type Logger, logRetry } from '@jobgate/logging';
import type { JobgateMetrics } from '@jobgate/metrics';
import { checkRedis, createQueueWorker, createRedis, JobgateQueues, pollTickLock, redisKeys, SlidingWindowLimiter } from '@jobgate/queues';
import { checkDatabase, openStore, Store } from '@jobgate/store';
import type { PollClient } from './collect-statuses';
import { PollBackoff, redisBackoffStore } from './poll-backoff';
import { pollTick } from './poll-tick';

export interface StartPollerOptions {
  config: JobgateConfig;
  logger: Logger;
  client: PollClient;
  /** Counts the jobs that end (succeeded, failed by reason, canceled); default none. */
  metrics?: JobgateMetrics;
  /** How often the tick scheduler is checked (re-created after a Redis wipe); default 2 s. */
  schedulerCheckEveryMs?: number;
}

export interface RunningPoller {
  worker: Worker;
  /** Readiness: Redis and PostgreSQL answer, migrations applied (for the health server). */
  checks: HealthChecks;
  close(): Promise<void>;
}

/**
 * Starts a poller replica: a BullMQ job scheduler makes one tick job per POLL_INTERVAL_MS and a
 * worker with concurrency 1 runs it, so however many replicas run, each tick polls each job once.
 */
export async function startPoller(options: StartPollerOptions): Promise<RunningPoller> {
  const { config, logger } = options;
  const onRetry = logRetry(logger);
  const pool = await openStore({
    url: config.databaseUrl,
    schema: config.databaseSchema,
    max: config.databasePoolSize,
    onRetry,
    onError: (err) => logger.warn({ err }, 'PostgreSQL connection error'),
  });
  const redisError = (err: Error) => logger.warn({ err: err.message }, 'Redis connection error');
  const connection = createRedis({ url: config.redisUrl, cluster: config.redisCluster, tlsCaFile: config.redisTlsCaFile, role: 'worker', onError: redisError });
  const queues = new JobgateQueues({ connection, prefix: config.queuePrefix, onError: redisError });
  const lifecycle = new Lifecycle({
    store: new Store(pool, { schema: config.databaseSchema, defaultWebhookUrl: config.webhookUrl }),
    queues,
    logger,
    failpoints: config.failpoints,
    // Only active jobs are polled, so a job is seen entering its final status once.
    observe: (before, after) => {
      if (before?.status !== after.status && (after.status === 'succeeded' || after.status === 'failed' || after.status === 'canceled')) {
        options.metrics?.jobEnded(after.status, after.errorCode);
      }
    },
  });
  const ensureScheduler = () => queues.ensurePollScheduler(config.pollIntervalMs);
  await retryWithBackoff(ensureScheduler, { what: 'Redis', onRetry });
  lifecycle.start();

  const tick = pollTick({
    statuses: lifecycle.statuses,
    sweeps: lifecycle.sweeps,
    client: options.client,
    backoff: new PollBackoff(redisBackoffStore(connection, redisKeys.pollBackoff(config.queuePrefix)), { intervalMs: config.pollIntervalMs }),
    logger: logger.child({ queue: 'poll' }),
    pendingTimeoutMs: config.pendingTimeoutMs,
    account: lifecycle.account,
    readGate: new SlidingWindowLimiter({ redis: connection, keyPrefix: redisKeys.modelartsReadGate(config.queuePrefix), max: config.modelartsReadRateLimit }),
  });
  // The scheduler hands out the next tick on time even while another replica's tick still runs.
  const tickLock = pollTickLock({ redis: connection, prefix: config.queuePrefix, intervalMs: config.pollIntervalMs });
  const lastTickKey = redisKeys.pollLastTick(config.queuePrefix);
  const runTick = async () => {
    const run = await tickLock.run(async () => {
      const result = await tick();
      await connection.set(lastTickKey, String(Date.now()));
      logger.debug(result, 'poll tick');
      return result;
    });
    return run.ran ? run.value : { skipped: 'another replica is still running a tick' };
  };
  const worker = createQueueWorker('poll', runTick, {
    redisUrl: config.redisUrl,
    redisCluster: config.redisCluster,
    redisTlsCaFile: config.redisTlsCaFile,
    prefix: config.queuePrefix,
    concurrency: 1,
    onError: (err) => logger.warn({ err }, 'poll worker error'),
  });
  worker.on('failed', (job, err) => logger.warn({ err, tick: job?.id }, 'poll tick failed; the next tick tries again'));
  // Redis without persistence can come back empty, and the scheduler with it: polling must not stop for good.
  // Watchdog: a worker whose blocking connection was on a Redis master that failed over can wait for
  // ever without an error. When no replica has ticked for a while, a tick runs from here (under the
  // same lock), so polling slows down but never stops.
  const stallMs = Math.max(3 * config.pollIntervalMs, 10_000);
  const startedAt = Date.now();
  let watchdogTick: Promise<unknown> | null = null;
  const watchdog = async () => {
    const last = Number((await connection.get(lastTickKey)) ?? 0) || startedAt;
    if (watchdogTick || Date.now() - last < stallMs) return;
    logger.warn({ sinceMs: Date.now() - last }, 'no poll tick ran for a while (a poll worker stuck after a Redis failover?); ticking from the watchdog');
    watchdogTick = runTick().finally(() => (watchdogTick = null));
    await watchdogTick;
  };
  const timer = setInterval(() => {
    ensureScheduler()
      .then((created) => {
        if (created) logger.warn('the poll scheduler was missing (Redis flushed or failed over); re-created it');
      })
      .catch((err) => logger.debug({ err }, 'poll scheduler check failed'));
    watchdog().catch((err) => logger.warn({ err }, 'watchdog poll tick failed'));
  }, options.schedulerCheckEveryMs ?? 2_000);
  timer.unref();
  logger.info({ intervalMs: config.pollIntervalMs }, 'poller started');

  return {
    worker,
    checks: { redis: () => checkRedis(connection), postgres: () => checkDatabase(pool, config.databaseSchema) },
    async close() {
      clearInterval(timer);
      await watchdogTick?.catch(() => undefined);
      await worker.close(); // lets a running tick finish
      await lifecycle.close();
      await queues.close();
      connection.disconnect();
      await pool.end();
    },
  };
}
