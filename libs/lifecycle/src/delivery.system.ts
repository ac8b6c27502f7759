import type { DeliveryClaim, WebhookEventRow, WebhookEventStatus } from '@jobgate/store';
import { nextRetryDelayMs, type DeliveryResult, type WebhookMessage } from '@jobgate/webhooks';
import type { IntentContext } from './intent-context';

export interface DeliverySystemOptions {
  /** One signed POST (deliverWebhook with the secret and the SSRF policy bound). */
  send: (message: WebhookMessage) => Promise<DeliveryResult>;
  /** WEBHOOK_RETRY_SCHEDULE in seconds. */
  retryScheduleSec: readonly number[];
  /** How long a sender holds an event; longer than the 15 s delivery timeout. Default 30 s. */
  leaseMs?: number;
}

/** `wait`: not an attempt, look again after `delayMs`. `retry`: an attempt failed, the next is due after `delayMs`. */
export type DeliveryVerdict = { kind: 'done'; outcome: string } | { kind: 'wait'; delayMs: number } | { kind: 'retry'; delayMs: number; reason: string };

// A blocked event waits for its predecessor; being nudged when that one settles, it re-checks only as a backstop.
const MIN_WAIT_MS = 1_000;
const MAX_WAIT_MS = 60_000;

/** webhooks.deliver: send one stored event if it is due and first in its ordering key; record the attempt. */
export class DeliverySystem {
  constructor(
    private readonly ctx: IntentContext,
    private readonly options: DeliverySystemOptions,
  ) {}

  async process(eventId: string, requestId: string | null = null): Promise<DeliveryVerdict> {
    const claim = await this.ctx.store.deliveries.claim(eventId, this.options.leaseMs ?? 30_000);
    if (claim.kind === 'done') return { kind: 'done', outcome: `settled:${claim.status}` };
    if (claim.kind === 'gone') return this.skipGone(claim.event, claim.after);
    if (claim.kind !== 'claimed') return { kind: 'wait', delayMs: waitMs(claim) };
    return this.deliver(claim.event, claim.secrets, requestId);
  }

  private async deliver(event: WebhookEventRow, secrets: string[] | null, requestId: string | null): Promise<DeliveryVerdict> {
    const result = await this.options.send({ url: event.url, id: event.id, body: event.payload, ...(secrets ? { secrets } : {}) });
    const failuresInRun = event.attempts + 1 - event.run_start_attempts;
    const next = settle(result, failuresInRun, this.options.retryScheduleSec);
    const attempt = await this.ctx.store.deliveries.recordAttempt(event.id, { ...result, ...next });
    const log = this.ctx.logger.child({ eventId: event.id, type: event.type, attempt, requestId: requestId ?? undefined });
    const fields = { statusCode: result.statusCode, latencyMs: result.latencyMs, error: result.error ?? undefined };
    if (next.status === 'pending') {
      log.info({ ...fields, retryInMs: next.retryInMs }, 'webhook not delivered; will retry');
      return { kind: 'retry', delayMs: next.retryInMs!, reason: result.error ?? 'not delivered' };
    }
    if (next.status === 'delivered') log.info(fields, 'webhook delivered');
    else log.warn(fields, next.status === 'gone' ? 'receiver answered 410 Gone; no more retries' : 'webhook delivery given up');
    const successor = await this.ctx.store.deliveries.successor(event);
    if (successor) await this.ctx.queues.nudgeWebhook(successor);
    return { kind: 'done', outcome: next.status };
  }

  /** The receiver said 410 Gone to an earlier event of this subject at this URL: this one ended unsent; the next is looked at now. */
  private async skipGone(event: WebhookEventRow, after: string): Promise<DeliveryVerdict> {
    this.ctx.logger.info(
      { eventId: event.id, type: event.type, goneAfter: after },
      'webhook not sent: the receiver answered 410 Gone to an earlier event of this subject',
    );
    const successor = await this.ctx.store.deliveries.successor(event);
    if (successor) await this.ctx.queues.nudgeWebhook(successor);
    return { kind: 'done', outcome: 'gone' };
  }
}

/** Not yet due (woken a little early, or promoted): wait exactly; otherwise re-check within bounds. */
function waitMs(claim: Exclude<DeliveryClaim, { kind: 'claimed' } | { kind: 'done' } | { kind: 'gone' }>): number {
  return claim.kind === 'not_due' ? claim.retryInMs : Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, claim.retryInMs));
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
