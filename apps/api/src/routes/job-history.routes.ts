import { Router } from 'express';
import type { CreateAttemptRecord, ItemList, JobEventRecord } from '@jobgate/contracts';
import type { Lifecycle } from '@jobgate/lifecycle';
import { callerOf } from '../caller';
import { findJob } from './jobs.routes';

export interface JobHistoryRoutesDeps {
  lifecycle: Lifecycle;
}

/**
 * `GET /v1/jobs/{id}/events` (every status change, oldest first: the timeline) and
 * `GET /v1/jobs/{id}/attempts` (every ModelArts create call with its outcome and error code).
 */
export function jobHistoryRoutes(deps: JobHistoryRoutesDeps): Router {
  const router = Router();
  router.get('/:id/events', async (req, res) => {
    const job = await findJob(deps.lifecycle.reads, req.params.id!, callerOf(res));
    const body: ItemList<JobEventRecord> = { items: await deps.lifecycle.reads.jobEvents(job.id) };
    res.json(body);
  });
  router.get('/:id/attempts', async (req, res) => {
    const job = await findJob(deps.lifecycle.reads, req.params.id!, callerOf(res));
    const body: ItemList<CreateAttemptRecord> = { items: await deps.lifecycle.reads.jobAttempts(job.id) };
    res.json(body);
  });
  return router;
}
