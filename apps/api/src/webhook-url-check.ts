import type { JobgateConfig } from '@jobgate/config';
import { SsrfPolicy, vetWebhookUrl, type SsrfVerdict } from '@jobgate/webhooks';

/**
 * Intake check of a job's `webhook_url` (a refusal is a 400 naming the field). Checked again at
 * every delivery, after DNS, since a name can change what it points to after intake.
 */
export function webhookUrlCheck(config: Pick<JobgateConfig, 'webhookSecret' | 'webhookAllowedCidrs'>): (url: string, signed?: boolean) => Promise<SsrfVerdict> {
  const policy = new SsrfPolicy({ allowedCidrs: config.webhookAllowedCidrs });
  return async (url, signed = false) => {
    // Webhooks are never sent unsigned: without a secret (a team has its own; operators' jobs use
    // WEBHOOK_SECRET), accepting a URL would promise a call that never comes.
    if (!signed && !config.webhookSecret) return { ok: false, reason: 'cannot be used: this gateway has no WEBHOOK_SECRET to sign webhooks with' };
    return vetWebhookUrl(url, policy);
  };
}
