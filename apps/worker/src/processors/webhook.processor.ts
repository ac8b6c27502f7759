import { DelayedError, type Job } from 'bullmq';
import { RetryLaterError, type DeliverySystem, type WebhookPayload } from '@jobgate/lifecycle';

/** webhooks.deliver: the lifecycle sends and records; waiting for a turn is not an attempt. */
export function webhookProcessor(deps: { deliveries: DeliverySystem }) {
  return async (job: Job<WebhookPayload>, token?: string): Promise<{ outcome: string }> => {
    const verdict = await deps.deliveries.process(job.data.eventId, job.data.requestId ?? null);
    switch (verdict.kind) {
      case 'done':
        return { outcome: verdict.outcome };
      case 'wait':
        await job.moveToDelayed(Date.now() + verdict.delayMs, token);
        throw new DelayedError();
      case 'retry':
        throw new RetryLaterError(verdict.reason, verdict.delayMs);
    }
  };
}
