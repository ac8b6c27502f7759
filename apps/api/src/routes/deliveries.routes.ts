import { Router } from 'express';
import { NotFoundError } from '@jobgate/errors';
import type { Logger } from '@jobgate/logging';
import type { JobgateQueues } from '@jobgate/queues';
import type { JobRepository, WebhookEventRepository } from '@jobgate/store';
import { findJob } from './jobs.routes';

export interface DeliveriesRoutesDeps {
  jobs: JobRepository;
  events: WebhookEventRepository;
  queues: JobgateQueues;
  logger: Logger;
}

const EVENT_ID = /^msg_[0-9a-f]{32}$/;

/** `GET /v1/jobs/{id}/deliveries`: the job's webhook events in delivery order, each with its attempts. */
export function jobDeliveriesRoutes(deps: DeliveriesRoutesDeps): Router {
  const router = Router();
  router.get('/:id/deliveries', async (req, res) => {
    const job = await findJob(deps.jobs, req.params.id!);
    res.json({ items: await deps.events.listForJob(job.id) });
  });
  return router;
}

/** `POST /v1/deliveries/{id}/redeliver`: one more send with the same webhook-id → 202. */
export function deliveriesRoutes(deps: DeliveriesRoutesDeps): Router {
  const router = Router();
  router.post('/:id/redeliver', async (req, res) => {
    const id = req.params.id!;
    const delivery = EVENT_ID.test(id) ? await deps.events.requestRedelivery(id) : null;
    if (!delivery) throw new NotFoundError('delivery', id);
    await deps.queues.nudgeWebhook(id, { requestId: res.locals.requestId })
      .catch((err) => deps.logger.warn({ err, eventId: id }, 'redelivery enqueue failed; reconciliation will send it'));
    res.status(202).json(delivery);
  });
  return router;
}
