import { Queue, Worker } from 'bullmq';
import type { JobgateConfig } from '@jobgate/config';
import { retryWithBackoff } from '@jobgate/errors';
import { isTerminal } from '@jobgate/contracts';
import type { HealthChecks } from '@jobgate/health';
import { type Logger, logRetry } from '@jobgate/logging';
import type { JobgateMetrics } from '@jobgate/metrics';
import { checkRedis, createRedis, JobgateQueues, JOB_NAMES, pollTickLock, QUEUE_NAMES, type PollPayload } from '@jobgate/queues';
import { checkDatabase, type JobRow, openStore, PollRepository, SweepRepository, WebhookEventRepository } from '@jobgate/store';
import type { PollClient } from './collect-statuses';
import { PollBackoff, redisBackoffStore } from './poll-backoff';
import { pollTick } from './poll-tick';
import { sweepProgress } from './sweep-progress';

export interface StartPollerOptions {
  config: JobgateConfig;
  logger: Logger;
  client: PollClient;
  /** Told about every status change the poller records, after it is committed (sweeps release trials on it). */
  onTransition?: (row: JobRow) => Promise<void> | void;
  /** Counts the jobs that end (succeeded, failed by reason, canceled); default none. */
  metrics?: JobgateMetrics;
}

export interface RunningPoller {
  worker: Worker<PollPayload>;
  /** Readiness: Redis and PostgreSQL answer, migrations applied (for the health server). */
  checks: HealthChecks;
  close(): Promise<void>;
}

// One id for every replica: upserting it again only updates the interval, so there is one tick per interval.
const SCHEDULER_ID = 'status-poll';

/**
 * Starts a poller replica: a BullMQ job scheduler makes one tick job per POLL_INTERVAL_MS and a
 * worker with concurrency 1 runs it, so however many replicas run, each tick polls each job once.
 */
export async function startPoller(options: StartPollerOptions): Promise<RunningPoller> {
  const { config, logger } = options;
  const onRetry = logRetry(logger);
  const pool = await openStore({ url: config.databaseUrl, schema: config.databaseSchema, onRetry, onError: (err) => logger.warn({ err }, 'PostgreSQL connection error') });

  const redisError = (err: Error) => logger.warn({ err: err.message }, 'Redis connection error');
  const connection = createRedis({ url: config.redisUrl, role: 'worker', onError: redisError });
  const queues = new JobgateQueues({ connection, prefix: config.queuePrefix, onError: redisError });
  const pollQueue = new Queue<PollPayload>(QUEUE_NAMES.poll, { connection, prefix: config.queuePrefix });
  pollQueue.on('error', redisError);
  await retryWithBackoff(() => pollQueue.upsertJobScheduler(SCHEDULER_ID, { every: config.pollIntervalMs }, {
    name: JOB_NAMES.pollTick, data: {}, opts: { removeOnComplete: true, removeOnFail: true },
  }), { what: 'Redis', onRetry });

  const tick = pollTick({
    polls: new PollRepository(pool, new WebhookEventRepository(pool, { defaultUrl: config.webhookUrl })),
    client: options.client,
    backoff: new PollBackoff(redisBackoffStore(connection, `${config.queuePrefix}:${QUEUE_NAMES.poll}:backoff`), { intervalMs: config.pollIntervalMs }),
    publishEvents: (ids) => queues.enqueueWebhooks(ids),
    stopJob: (row) => queues.enqueueCancel({ jobId: row.id, requestId: row.request_id }),
    onTransition: async (row) => {
      // Only active jobs are polled, so a job is seen entering its final status once.
      if (isTerminal(row.status)) options.metrics?.jobEnded(row.status as 'succeeded' | 'failed' | 'canceled', row.error_code);
      await options.onTransition?.(row);
    },
    logger: logger.child({ queue: QUEUE_NAMES.poll }),
    pendingTimeoutMs: config.pendingTimeoutMs,
  });
  const advanceSweeps = sweepProgress({
    sweeps: new SweepRepository(pool),
    events: new WebhookEventRepository(pool, { defaultUrl: config.webhookUrl }),
    enqueueTrials: (trials) => queues.enqueueSubmitBulk(trials),
    publishEvents: (ids) => queues.enqueueWebhooks(ids),
    logger,
  });
  // The scheduler hands out the next tick on time even while another replica's tick still runs.
  const tickLock = pollTickLock({ redis: connection, prefix: config.queuePrefix, intervalMs: config.pollIntervalMs });
  const worker = new Worker<PollPayload>(QUEUE_NAMES.poll, async () => {
    const run = await tickLock.run(async () => {
      const result = await tick();
      const sweeps = await advanceSweeps();
      logger.debug({ ...result, sweeps }, 'poll tick');
      return { ...result, sweeps };
    });
    return run.ran ? run.value : { skipped: 'another replica is still running a tick' };
  }, { connection: createRedis({ url: config.redisUrl, role: 'worker', onError: redisError }), prefix: config.queuePrefix, concurrency: 1 });
  worker.on('error', (err) => logger.warn({ err }, 'poll worker error'));
  worker.on('failed', (job, err) => logger.warn({ err, tick: job?.id }, 'poll tick failed; the next tick tries again'));
  logger.info({ intervalMs: config.pollIntervalMs }, 'poller started');

  return {
    worker,
    checks: { redis: () => checkRedis(connection), postgres: () => checkDatabase(pool) },
    async close() {
      await worker.close(); // lets a running tick finish
      await pollQueue.close();
      await queues.close();
      connection.disconnect();
      await pool.end();
    },
  };
}
