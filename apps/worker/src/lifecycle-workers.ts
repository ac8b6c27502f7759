import { Worker } from 'bullmq';
import type { JobgateConfig } from '@jobgate/config';
import type { Logger } from '@jobgate/logging';
import type { JobgateMetrics } from '@jobgate/metrics';
import type { ModelArtsClient } from '@jobgate/modelarts';
import { createRedis, QUEUE_NAMES, type CancelPayload, type JobgateQueues, type WebhookPayload } from '@jobgate/queues';
import { CancelRepository, JobRepository, WebhookDeliveryRepository, WebhookEventRepository, type createPool, type JobRow } from '@jobgate/store';
import { decodeWebhookSecret, deliverWebhook, SsrfPolicy, type DeliveryResult, type WebhookMessage } from '@jobgate/webhooks';
import { cancelProcessor } from './processors/cancel.processor';
import { webhookProcessor } from './processors/webhook.processor';
import { jobgateBackoff } from './retry-later-error';

export interface LifecycleWorkersOptions {
  config: JobgateConfig;
  logger: Logger;
  client: ModelArtsClient;
  pool: ReturnType<typeof createPool>;
  queues: JobgateQueues;
  /** How often webhook events whose queue entry was lost are looked for; default 60 s. */
  reconcileEveryMs?: number;
  /** Counts webhook attempts by outcome; default none. */
  metrics?: JobgateMetrics;
}

export interface LifecycleWorkers {
  /** For the submit processor's onTransition: announces the change and stops a job canceled mid-submission. */
  afterSubmitTransition(row: JobRow): Promise<void>;
  close(): Promise<void>;
}

// Receivers are slow compared with ModelArts calls, and each delivery mostly waits on the network.
const WEBHOOK_CONCURRENCY = 32;
const CANCEL_CONCURRENCY = 4;
// An event due this long ago and still pending has lost its queue entry (not merely waiting in the queue).
const OVERDUE_GRACE_MS = 30_000;

/** The worker's cancel and webhook queues, next to the submit queue that start-worker.ts runs. */
export async function startLifecycleWorkers(options: LifecycleWorkersOptions): Promise<LifecycleWorkers> {
  const { config, logger, pool, queues } = options;
  const events = new WebhookEventRepository(pool, { defaultUrl: config.webhookUrl });
  const cancels = new CancelRepository(pool, events);
  const deliveries = new WebhookDeliveryRepository(pool);
  const redisError = (err: Error) => logger.warn({ err: err.message }, 'Redis connection error');
  const common = { prefix: config.queuePrefix };

  const cancelWorker = new Worker<CancelPayload>(QUEUE_NAMES.cancel, cancelProcessor({ jobs: new JobRepository(pool), client: options.client, logger: logger.child({ queue: QUEUE_NAMES.cancel }) }), {
    ...common, connection: createRedis({ url: config.redisUrl, role: 'worker', onError: redisError }), concurrency: CANCEL_CONCURRENCY,
  });
  const webhookWorker = new Worker<WebhookPayload>(QUEUE_NAMES.webhook, webhookProcessor({
    deliveries,
    send: counted(sender(config), options.metrics),
    retryScheduleSec: config.webhookRetryScheduleSec,
    sendNext: (eventId) => queues.nudgeWebhook(eventId),
    logger: logger.child({ queue: QUEUE_NAMES.webhook }),
  }), {
    ...common, connection: createRedis({ url: config.redisUrl, role: 'worker', onError: redisError }), concurrency: WEBHOOK_CONCURRENCY,
    settings: { backoffStrategy: jobgateBackoff },
  });
  for (const worker of [cancelWorker, webhookWorker] as Worker[]) worker.on('error', (err) => logger.warn({ err, queue: worker.name }, 'worker error'));

  const reconcile = async () => {
    const lost = await deliveries.overdue(OVERDUE_GRACE_MS);
    for (const e of lost) await queues.nudgeWebhook(e.id);
    if (lost.length > 0) logger.info({ requeued: lost.length }, 're-enqueued webhook events missing from the queue');
  };
  const reconcileLogged = () => reconcile().catch((err) => logger.warn({ err }, 'webhook reconciliation failed'));
  void reconcileLogged(); // a restart after a crash picks up what the crash left behind at once
  const timer = setInterval(reconcileLogged, options.reconcileEveryMs ?? 60_000);
  timer.unref();

  return {
    async afterSubmitTransition(row) {
      const eventId = await events.recordForJob(row);
      // The request id of the HTTP call that created the job follows it into the delivery's logs.
      if (eventId) await queues.enqueueWebhooks([eventId], { requestId: row.request_id });
      const stopping = await cancels.stopIfRequested(row);
      if (stopping) await queues.enqueueCancel({ jobId: row.id, requestId: row.request_id });
    },
    async close() {
      clearInterval(timer);
      await Promise.all([cancelWorker.close(), webhookWorker.close()]);
    },
  };
}

/**
 * Signed delivery with the SSRF policy. A worker without WEBHOOK_SECRET never sends unsigned:
 * each attempt fails with a clear error (and retries on the schedule) until the secret is configured.
 */
function sender(config: JobgateConfig): (message: WebhookMessage) => Promise<DeliveryResult> {
  const policy = new SsrfPolicy({ allowedCidrs: config.webhookAllowedCidrs });
  const secret = config.webhookSecret;
  if (!secret) {
    return async () => ({ outcome: 'retry', statusCode: null, latencyMs: 0, error: 'WEBHOOK_SECRET is not set on this worker; webhooks are never sent unsigned' });
  }
  decodeWebhookSecret(secret); // a malformed secret stops the worker at start, not at the first delivery
  return (message) => deliverWebhook(message, { secret, policy });
}

function counted(send: (message: WebhookMessage) => Promise<DeliveryResult>, metrics: JobgateMetrics | undefined) {
  return async (message: WebhookMessage): Promise<DeliveryResult> => {
    const result = await send(message);
    metrics?.webhookAttempt(result.outcome);
    return result;
  };
}
