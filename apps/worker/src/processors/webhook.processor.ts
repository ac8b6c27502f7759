import { DelayedError, type Job } from 'bullmq';
import type { Logger } from '@jobgate/logging';
import type { WebhookPayload } from '@jobgate/queues';
import type { WebhookDeliveryRepository, WebhookEventRow, WebhookEventStatus } from '@jobgate/store';
import { nextRetryDelayMs, type DeliveryResult, type WebhookMessage } from '@jobgate/webhooks';
import { RetryLaterError } from '../retry-later-error';

export interface WebhookProcessorDeps {
  deliveries: WebhookDeliveryRepository;
  /** One signed POST (deliverWebhook with the secret and the SSRF policy bound). */
  send: (message: WebhookMessage) => Promise<DeliveryResult>;
  /** WEBHOOK_RETRY_SCHEDULE in seconds. */
  retryScheduleSec: readonly number[];
  /** Wakes the next event of the same job once this one is settled. */
  sendNext: (eventId: string) => Promise<void>;
  logger: Logger;
  /** How long a sender holds an event; longer than the 15 s delivery timeout. Default 30 s. */
  leaseMs?: number;
}

// A blocked event waits for its predecessor; being nudged when that one settles, it re-checks only as a backstop.
const MIN_WAIT_MS = 1_000;
const MAX_WAIT_MS = 60_000;

/** webhooks.deliver: send one stored event if it is due and first in its job's order; record the attempt. */
export function webhookProcessor(deps: WebhookProcessorDeps) {
  return async (job: Job<WebhookPayload>, token?: string): Promise<{ outcome: string }> => {
    const claim = await deps.deliveries.claim(job.data.eventId, deps.leaseMs ?? 30_000);
    if (claim.kind === 'done') return { outcome: `settled:${claim.status}` };
    if (claim.kind === 'gone') return skipGone(deps, claim.event, claim.after);
    if (claim.kind !== 'claimed') {
      // Waiting is not an attempt: move the job back to delayed without using up one of its tries.
      // Not yet due (woken a little early, or promoted): wait exactly; otherwise re-check within bounds.
      const waitMs = claim.kind === 'not_due' ? claim.retryInMs : Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, claim.retryInMs));
      await job.moveToDelayed(Date.now() + waitMs, token);
      throw new DelayedError();
    }
    return deliver(deps, claim.event, job.data.requestId ?? undefined);
  };
}

async function deliver(deps: WebhookProcessorDeps, event: WebhookEventRow, requestId: string | undefined): Promise<{ outcome: string }> {
  const result = await deps.send({ url: event.url, id: event.id, body: event.payload });
  const failuresInRun = event.attempts + 1 - event.run_start_attempts;
  const next = settle(result, failuresInRun, deps.retryScheduleSec);
  const attempt = await deps.deliveries.recordAttempt(event.id, { ...result, ...next });
  const log = deps.logger.child({ eventId: event.id, type: event.type, attempt, requestId });
  const fields = { statusCode: result.statusCode, latencyMs: result.latencyMs, error: result.error ?? undefined };
  if (next.status === 'pending') {
    log.info({ ...fields, retryInMs: next.retryInMs }, 'webhook not delivered; will retry');
    throw new RetryLaterError(result.error ?? 'not delivered', next.retryInMs!);
  }
  if (next.status === 'delivered') log.info(fields, 'webhook delivered');
  else log.warn(fields, next.status === 'gone' ? 'receiver answered 410 Gone; no more retries' : 'webhook delivery given up');
  const successor = await deps.deliveries.successor(event);
  if (successor) await deps.sendNext(successor);
  return { outcome: next.status };
}

/** The receiver said 410 Gone to an earlier event of this job: this one ended unsent; the next one is looked at now. */
async function skipGone(deps: WebhookProcessorDeps, event: WebhookEventRow, after: string): Promise<{ outcome: string }> {
  deps.logger.info({ eventId: event.id, type: event.type, goneAfter: after }, 'webhook not sent: the receiver answered 410 Gone to an earlier event of this job');
  const successor = await deps.deliveries.successor(event);
  if (successor) await deps.sendNext(successor);
  return { outcome: 'gone' };
}

/** Outcome of an attempt → the event's next status (and when to try again). */
function settle(result: DeliveryResult, failuresInRun: number, scheduleSec: readonly number[]): { status: WebhookEventStatus; retryInMs?: number } {
  if (result.outcome === 'delivered') return { status: 'delivered' };
  if (result.outcome === 'gone') return { status: 'gone' };
  // A refused address will be refused again; a redelivery can try once the URL or policy is fixed.
  if (result.outcome === 'refused') return { status: 'failed' };
  const retryInMs = nextRetryDelayMs(scheduleSec, failuresInRun);
  return retryInMs === null ? { status: 'failed' } : { status: 'pending', retryInMs };
}
