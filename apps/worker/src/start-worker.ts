import { Queue, Worker } from 'bullmq';
import type { JobgateConfig } from '@jobgate/config';
import { retryWithBackoff } from '@jobgate/errors';
import type { HealthChecks } from '@jobgate/health';
import { type Logger, logRetry } from '@jobgate/logging';
import type { JobgateMetrics } from '@jobgate/metrics';
import type { ModelArtsClient } from '@jobgate/modelarts';
import { checkRedis, createRedis, JobgateQueues, QUEUE_NAMES, SlidingWindowLimiter, type SubmitPayload } from '@jobgate/queues';
import { checkDatabase, type JobRow, openStore, SubmissionRepository } from '@jobgate/store';
import { submitProcessor } from './processors/submit.processor';
import { startLifecycleWorkers } from './lifecycle-workers';
import { jobgateBackoff } from './retry-later-error';

export interface StartWorkerOptions {
  config: JobgateConfig;
  logger: Logger;
  client: ModelArtsClient;
  /** Told about every status change the worker makes. */
  onTransition?: (job: JobRow) => Promise<void> | void;
  /** How often records missing from the submit queue are looked for; default 60 s. */
  reconcileEveryMs?: number;
  /** Counts submissions, submission failures and webhook attempts; default none. */
  metrics?: JobgateMetrics;
}

export interface RunningWorker {
  submitWorker: Worker<SubmitPayload>;
  /** Readiness: Redis and PostgreSQL answer, migrations applied (for the health server). */
  checks: HealthChecks;
  /** Stops taking jobs, lets in-flight calls finish, then disconnects. */
  close(): Promise<void>;
}

// A crashed worker's job is picked up again after about lockDuration + stalledInterval.
const LOCK_DURATION_MS = 10_000;
const STALLED_INTERVAL_MS = 5_000;

export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const { config, logger } = options;
  const onRetry = logRetry(logger);
  const pool = await openStore({ url: config.databaseUrl, schema: config.databaseSchema, onRetry, onError: (err) => logger.warn({ err }, 'PostgreSQL connection error') });

  const redisError = (err: Error) => logger.warn({ err: err.message }, 'Redis connection error');
  const connection = createRedis({ url: config.redisUrl, role: 'worker', onError: redisError });
  const queues = new JobgateQueues({ connection, prefix: config.queuePrefix, submitMaxAttempts: config.submitMaxAttempts });
  const submitQueue = new Queue<SubmitPayload>(QUEUE_NAMES.submit, { connection, prefix: config.queuePrefix });
  const limiter = new SlidingWindowLimiter({ redis: connection, keyPrefix: `${config.queuePrefix}:${QUEUE_NAMES.submit}:gate`, max: config.submitRateLimit });
  const submissions = new SubmissionRepository(pool);
  const lifecycle = await startLifecycleWorkers({ config, logger, client: options.client, pool, queues, metrics: options.metrics });

  const processor = submitProcessor({
    submissions,
    client: options.client,
    limiter,
    pauseQueue: (ms) => submitQueue.rateLimit(ms),
    logger: logger.child({ queue: QUEUE_NAMES.submit }),
    settings: { maxActiveJobs: config.maxActiveJobs, maxAttempts: config.submitMaxAttempts },
    onTransition: async (row) => {
      countTransition(options.metrics, row);
      await lifecycle.afterSubmitTransition(row);
      await options.onTransition?.(row);
    },
  });
  const submitWorker = new Worker<SubmitPayload>(QUEUE_NAMES.submit, processor, {
    connection: createRedis({ url: config.redisUrl, role: 'worker', onError: redisError }),
    prefix: config.queuePrefix,
    concurrency: config.submitConcurrency,
    // BullMQ's queue limiter paces fetching for all workers together; the sliding-window gate
    // in front of each call makes the limit exact in any one-second window.
    limiter: { max: config.submitRateLimit, duration: 1_000 },
    lockDuration: LOCK_DURATION_MS,
    stalledInterval: STALLED_INTERVAL_MS,
    // Submission is safe to resume (attempts are recorded and adopted), so a job may stall many times.
    maxStalledCount: 1_000,
    settings: { backoffStrategy: jobgateBackoff },
  });
  submitWorker.on('error', (err) => logger.warn({ err }, 'submit worker error'));
  submitWorker.on('failed', (job, err) => {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) logger.error({ jobId: job.id, err }, 'submit job exhausted its BullMQ attempts; reconciliation will retry it');
  });

  const reconcile = async () => {
    const repaired = await submissions.forEachUnfinished((page) => queues.ensureSubmitted(page));
    if (repaired > 0) logger.info({ repaired }, 're-enqueued records missing from the submit queue');
  };
  await retryWithBackoff(reconcile, { what: 'Redis', onRetry });
  const timer = setInterval(() => reconcile().catch((err) => logger.warn({ err }, 'reconciliation failed')), options.reconcileEveryMs ?? 60_000);
  timer.unref();
  logger.info({ rateLimit: config.submitRateLimit, concurrency: config.submitConcurrency, maxActiveJobs: config.maxActiveJobs }, 'worker started');

  return {
    submitWorker,
    checks: { redis: () => checkRedis(connection), postgres: () => checkDatabase(pool) },
    async close() {
      clearInterval(timer);
      await submitWorker.close(); // waits for in-flight processors
      await lifecycle.close();
      await submitQueue.close();
      await queues.close();
      connection.disconnect();
      await pool.end();
    },
  };
}

/** The submit processor reports each change once: into `submitted`, or into `failed` with its code. */
function countTransition(metrics: JobgateMetrics | undefined, row: JobRow): void {
  if (row.status === 'submitted') metrics?.jobSubmitted();
  if (row.status === 'failed' || row.status === 'canceled') metrics?.jobEnded(row.status, row.error_code);
}
