/** Where a job's webhook events go: its own webhook_url, the server's WEBHOOK_URL, nowhere, or unknown. */
export type WebhookReceiver = 'job' | 'default' | 'none' | 'unknown';

export function webhookReceiverOf(webhookUrl: string | null, defaultWebhookReceiver: boolean | null): WebhookReceiver {
  if (webhookUrl) return 'job';
  if (defaultWebhookReceiver === null) return 'unknown';
  return defaultWebhookReceiver ? 'default' : 'none';
}

/** What the deliveries section says while a job has no webhook event. */
export function noDeliveriesText(receiver: WebhookReceiver): string {
  if (receiver === 'none') return 'No webhook receiver: this job has no webhook_url and the server has no WEBHOOK_URL, so no webhook events are sent for it.';
  const where = receiver === 'job' ? "to the job's webhook_url" : receiver === 'default' ? "to the server's WEBHOOK_URL" : '';
  return `No webhook events yet: one is sent${where ? ` ${where}` : ''} when the job is submitted, starts and ends.`;
}
