import type { Router } from 'express';
import type { Logger } from '@jobgate/logging';
import type { JobgateQueues } from '@jobgate/queues';
import { CancelRepository, WebhookEventRepository, type createPool, type JobRepository } from '@jobgate/store';
import { cancelRoutes } from './cancel.routes';
import { deliveriesRoutes, jobDeliveriesRoutes } from './deliveries.routes';

export interface LifecycleMountsOptions {
  pool: ReturnType<typeof createPool>;
  jobs: JobRepository;
  queues: JobgateQueues;
  logger: Logger;
  /** WEBHOOK_URL: a queued job canceled here announces `job.canceled` there when it has no URL of its own. */
  defaultWebhookUrl: string | null;
}

/** Cancellation and webhook delivery routes, as buildApp's `extraRoutes`. */
export function lifecycleMounts(options: LifecycleMountsOptions): { path: string; router: Router }[] {
  const events = new WebhookEventRepository(options.pool, { defaultUrl: options.defaultWebhookUrl });
  const deps = { ...options, events, cancels: new CancelRepository(options.pool, events) };
  return [
    // Beside the job routes under /v1/jobs; requests they do not match fall through to these.
    { path: '/jobs', router: cancelRoutes(deps) },
    { path: '/jobs', router: jobDeliveriesRoutes(deps) },
    { path: '/deliveries', router: deliveriesRoutes(deps) },
  ];
}
