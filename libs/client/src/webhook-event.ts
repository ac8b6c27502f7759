import type { webhooks } from './schema';

/** The type of every webhook jobgate sends (`job.succeeded`, `sweep.completed`, …). */
export type WebhookType = keyof webhooks;

/** The body a receiver gets for a webhook of type `T` (all of them by default), after verifying its signature. */
export type WebhookEvent<T extends WebhookType = WebhookType> = {
  [K in T]: NonNullable<webhooks[K]['post']['requestBody']>['content']['application/json'];
}[T];
