import type { Worker } from 'bullmq';
import type { JobgateConfig } from '@jobgate/config';
import { retryWithBackoff } from '@jobgate/errors';
import type { HealthChecks } from '@jobgate/health';
import { Lifecycle, type ChangeObserver } from '@jobgate/lifecycle';
import { type Logger, logRetry } from '@jobgate/logging';
import type { JobgateMetrics } from '@jobgate/metrics';
import type { ModelArtsClient } from '@jobgate/modelarts';
import { checkRedis, createQueueWorker, createRedis, JobgateQueues, redisKeys, SlidingWindowLimiter } from '@jobgate/queues';
import { checkDatabase, openStore, Store } from '@jobgate/store';
import { decodeWebhookSecret, deliverWebhook, SsrfPolicy, type DeliveryResult, type WebhookMessage } from '@jobgate/webhooks';
import { cancelProcessor } from './processors/cancel.processor';
import { submitProcessor } from './processors/submit.processor';
import { webhookProcessor } from './processors/webhook.processor';

export interface StartWorkerOptions {
  config: JobgateConfig;
  logger: Logger;
  client: ModelArtsClient;
  /** How often the queues are rebuilt from PostgreSQL (records, stops, webhooks, sweeps); default 60 s. */
  reconcileEveryMs?: number;
  /** How often a Redis that came back empty is looked for; default 2 s. */
  wipeCheckEveryMs?: number;
  /** Counts submissions, submission failures and webhook attempts; default none. */
  metrics?: JobgateMetrics;
}

export interface RunningWorker {
  submitWorker: Worker;
  /** Readiness: Redis and PostgreSQL answer, migrations applied (for the health server). */
  checks: HealthChecks;
  /** Stops taking jobs, lets in-flight calls finish, then disconnects. */
  close(): Promise<void>;
}

// Receivers are slow compared with ModelArts calls, and each delivery mostly waits on the network.
const WEBHOOK_CONCURRENCY = 32;
const CANCEL_CONCURRENCY = 4;

/** A worker replica: submit, stop and webhook queues, the outbox relay, and reconciliation with PostgreSQL. */
export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
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
  const queues = new JobgateQueues({ connection, prefix: config.queuePrefix, submitMaxAttempts: config.submitMaxAttempts, onError: redisError });
  // The worker reads the account quota (MAX_ACTIVE_JOBS applies when lower) through the on-demand read window.
  const readGate = new SlidingWindowLimiter({
    redis: connection,
    keyPrefix: redisKeys.modelartsReadGate(config.queuePrefix),
    max: config.modelartsReadRateLimit,
  });
  const lifecycle = new Lifecycle({
    store: new Store(pool, { schema: config.databaseSchema, defaultWebhookUrl: config.webhookUrl }),
    queues,
    logger,
    observe: countChanges(options.metrics),
    failpoints: config.failpoints,
    modelarts: { client: options.client, readGate, account: { catalogRefreshMs: config.modelartsCatalogRefreshMs } },
  });
  const limiter = new SlidingWindowLimiter({ redis: connection, keyPrefix: redisKeys.submitGate(config.queuePrefix), max: config.submitRateLimit });

  const common = {
    redisUrl: config.redisUrl,
    redisCluster: config.redisCluster,
    redisTlsCaFile: config.redisTlsCaFile,
    prefix: config.queuePrefix,
    onError: (err: Error) => logger.warn({ err }, 'worker error'),
  };
  const submit = lifecycle.submitSystem({
    client: options.client,
    gate: limiter,
    settings: { maxAttempts: config.submitMaxAttempts },
  });
  const dispatcher = lifecycle.dispatchSystem({
    maxActive: config.maxActiveJobs,
    window: config.dispatchWindow,
    policy: config.dispatchPolicy,
    intervalMs: config.dispatchIntervalMs,
  });
  const submitWorker = createQueueWorker('submit', submitProcessor({ submit, pauseQueue: (ms) => queues.pauseSubmits(ms) }), {
    ...common,
    concurrency: config.submitConcurrency,
    // BullMQ's queue limiter paces fetching for all workers together; the sliding-window gate
    // in front of each call makes the limit exact in any one-second window.
    limiter: { max: config.submitRateLimit, duration: 1_000 },
  });
  // A create answered (or given up) frees a place in the dispatch window: the next job goes at once.
  submitWorker.on('completed', () => dispatcher.kick());
  submitWorker.on('failed', (job, err) => {
    dispatcher.kick();
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1))
      logger.error({ jobId: job.id, err }, 'submit job exhausted its BullMQ attempts; reconciliation will retry it');
  });
  const cancelWorker = createQueueWorker('cancel', cancelProcessor({ stops: lifecycle.stopSystem(options.client) }), {
    ...common,
    concurrency: CANCEL_CONCURRENCY,
  });
  const deliveries = lifecycle.deliverySystem({ send: counted(sender(config), options.metrics), retryScheduleSec: config.webhookRetryScheduleSec });
  const webhookWorker = createQueueWorker('webhook', webhookProcessor({ deliveries }), { ...common, concurrency: WEBHOOK_CONCURRENCY });

  const reconcile = () => lifecycle.reconcile.run();
  await retryWithBackoff(
    async () => {
      await queues.wasWiped();
      await reconcile();
    },
    { what: 'Redis', onRetry },
  );
  lifecycle.start();
  dispatcher.start();
  const timers = [
    setInterval(() => reconcile().catch((err) => logger.warn({ err }, 'reconciliation failed')), options.reconcileEveryMs ?? 60_000),
    // Redis without persistence can come back empty: rebuild at once rather than at the next round.
    setInterval(async () => {
      try {
        if (await queues.wasWiped()) {
          logger.warn("Redis lost jobgate's queues (flushed or failed over empty); rebuilding them from PostgreSQL");
          await reconcile();
        }
      } catch (err) {
        logger.debug({ err }, 'wipe check failed');
      }
    }, options.wipeCheckEveryMs ?? 2_000),
  ];
  for (const timer of timers) timer.unref();
  logger.info(
    { rateLimit: config.submitRateLimit, concurrency: config.submitConcurrency, maxActiveJobs: config.maxActiveJobs, dispatch: config.dispatchPolicy },
    'worker started',
  );

  return {
    submitWorker,
    checks: { redis: () => checkRedis(connection), postgres: () => checkDatabase(pool, config.databaseSchema) },
    async close() {
      for (const timer of timers) clearInterval(timer);
      await dispatcher.stop();
      await submitWorker.close(); // waits for in-flight processors
      await Promise.all([cancelWorker.close(), webhookWorker.close()]);
      await lifecycle.close();
      await queues.close();
      connection.disconnect();
      await pool.end();
    },
  };
}

/** Each change is counted once: into `submitted`, or into an end with its code. */
function countChanges(metrics: JobgateMetrics | undefined): ChangeObserver | undefined {
  if (!metrics) return undefined;
  return (before, after) => {
    if (before?.status === after.status) return;
    if (after.status === 'submitted') metrics.jobSubmitted(after.record.team ?? 'operators', Date.now() - after.createdAt.getTime());
    if (after.status === 'succeeded' || after.status === 'failed' || after.status === 'canceled') metrics.jobEnded(after.status, after.errorCode);
  };
}

/**
 * Signed delivery with the SSRF policy: a team's events with the team's secrets, operators' events
 * with WEBHOOK_SECRET. Without one, nothing is sent unsigned: each attempt fails with a clear error
 * (and retries on the schedule) until the secret is configured.
 */
function sender(config: JobgateConfig): (message: WebhookMessage) => Promise<DeliveryResult> {
  const policy = new SsrfPolicy({ allowedCidrs: config.webhookAllowedCidrs });
  const secret = config.webhookSecret;
  if (secret) decodeWebhookSecret(secret); // a malformed secret stops the worker at start, not at the first delivery
  return (message) => deliverWebhook(message, { secret, policy });
}

function counted(send: (message: WebhookMessage) => Promise<DeliveryResult>, metrics: JobgateMetrics | undefined) {
  return async (message: WebhookMessage): Promise<DeliveryResult> => {
    const result = await send(message);
    metrics?.webhookAttempt(result.outcome);
    return result;
  };
}
