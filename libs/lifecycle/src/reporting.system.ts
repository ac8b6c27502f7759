import type { DeliveryRecord } from '@jobgate/contracts';
import { confinedTo, type Caller } from './caller';
import type { IntentContext } from './intent-context';

/** Trial metrics and webhook redelivery: small intents that still own their follow-up work. */
export class ReportingSystem {
  constructor(private readonly ctx: IntentContext) {}

  /** Replaces a job's final metrics; null for an unknown job (or another team's). */
  async recordMetrics(jobId: string, metrics: Record<string, number>, caller: Caller): Promise<Record<string, number> | null> {
    if (!(await this.ctx.store.jobs.get(jobId, confinedTo(caller)))) return null;
    return this.ctx.store.metrics.set(jobId, metrics);
  }

  /**
   * Makes a webhook event due now with a fresh run of the retry schedule (same `webhook-id`), and
   * wakes its queue job. Null for an unknown event. A failed wake-up is left to reconciliation.
   */
  async redeliver(eventId: string, requestId: string | null, caller: Caller): Promise<DeliveryRecord | null> {
    const delivery = await this.ctx.store.events.requestRedelivery(eventId, confinedTo(caller));
    if (!delivery) return null;
    await this.ctx.queues.nudgeWebhook(eventId, { requestId })
      .catch((err) => this.ctx.logger.warn({ err, eventId }, 'redelivery enqueue failed; reconciliation will send it'));
    return delivery;
  }
}
