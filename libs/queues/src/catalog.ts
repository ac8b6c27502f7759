import type { JobsOptions } from 'bullmq';

/** Queue names (kebab-case nouns) and the BullMQ job names used on them (`domain.action`). */
export const QUEUE_NAMES = {
  submit: 'submit',
  cancel: 'cancel',
  webhook: 'webhook',
  poll: 'poll',
} as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

export const JOB_NAMES = {
  submit: 'jobs.submit',
  cancel: 'jobs.stop',
  webhook: 'webhooks.deliver',
  pollTick: 'poller.tick',
} as const;

/** Payloads are references: the record in PostgreSQL is the truth, the queue only says "look at this". */
export interface SubmitPayload {
  jobId: string;
  /** Request id of the HTTP call that accepted the job, carried into the worker's logs. */
  requestId?: string | null;
}

export interface CancelPayload {
  jobId: string;
  requestId?: string | null;
}

export interface WebhookPayload {
  /** The stored webhook event (its id is the `webhook-id` header). */
  eventId: string;
  requestId?: string | null;
}

export type PollPayload = Record<string, never>;

export interface QueuePayloads {
  submit: SubmitPayload;
  cancel: CancelPayload;
  webhook: WebhookPayload;
  poll: PollPayload;
}

/**
 * Defaults for every submit job. Retries are decided by the processor (it knows which ModelArts
 * errors are transient), so BullMQ's own attempts only bound infrastructure failures (database down).
 */
export function submitJobOptions(maxAttempts: number): JobsOptions {
  return {
    attempts: maxAttempts,
    backoff: { type: 'jobgate' },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/**
 * Webhook deliveries: the processor decides every retry from WEBHOOK_RETRY_SCHEDULE and records it
 * in PostgreSQL, so BullMQ's attempts only need to outlast that schedule plus infrastructure failures.
 */
export function webhookJobOptions(): JobsOptions {
  return {
    attempts: 1_000,
    backoff: { type: 'jobgate' },
    removeOnComplete: true,
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/** Stop calls: BullMQ retries transient failures with exponential backoff; reconciliation re-sends after that. */
export function stopJobOptions(): JobsOptions {
  return {
    attempts: 10,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: true,
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}
