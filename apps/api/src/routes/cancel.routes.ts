import { Router } from 'express';
import type { Lifecycle } from '@jobgate/lifecycle';
import { callerOf } from '../caller';
import { findJob } from './jobs.routes';

export interface CancelRoutesDeps {
  lifecycle: Lifecycle;
}

/** `POST /v1/jobs/{id}/cancel` → 202 with the record; 409 once the job has ended. Repeating it re-sends the stop. */
export function cancelRoutes(deps: CancelRoutesDeps): Router {
  const router = Router();
  router.post('/:id/cancel', async (req, res) => {
    const caller = callerOf(res);
    const id = (await findJob(deps.lifecycle.reads, req.params.id!, caller)).id;
    const { job } = await deps.lifecycle.cancels.cancelJob(id, { caller, requestId: res.locals.requestId as string });
    res.status(202).json(job);
  });
  return router;
}
