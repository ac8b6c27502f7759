import { Router } from 'express';
import { NotFoundError } from '@jobgate/errors';
import type { Lifecycle } from '@jobgate/lifecycle';
import { callerOf } from '../caller';
import { findJob } from './jobs.routes';

export interface DeliveriesRoutesDeps {
  lifecycle: Lifecycle;
}

const EVENT_ID = /^msg_[0-9a-f]{32}$/;

/** `GET /v1/jobs/{id}/deliveries`: the job's webhook events in delivery order, each with its attempts. */
export function jobDeliveriesRoutes(deps: DeliveriesRoutesDeps): Router {
  const router = Router();
  router.get('/:id/deliveries', async (req, res) => {
    const job = await findJob(deps.lifecycle.reads, req.params.id!, callerOf(res));
    res.json({ items: await deps.lifecycle.reads.deliveries(job.id) });
  });
  return router;
}

/** `POST /v1/deliveries/{id}/redeliver`: one more send with the same webhook-id → 202. */
export function deliveriesRoutes(deps: DeliveriesRoutesDeps): Router {
  const router = Router();
  router.post('/:id/redeliver', async (req, res) => {
    const id = req.params.id!;
    const delivery = EVENT_ID.test(id) ? await deps.lifecycle.reporting.redeliver(id, res.locals.requestId as string, callerOf(res)) : null;
    if (!delivery) throw new NotFoundError('delivery', id);
    res.status(202).json(delivery);
  });
  return router;
}
