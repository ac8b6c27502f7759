import { Router } from 'express';
import type { CreateAttemptRecord, ItemList, JobEventRecord } from '@jobgate/contracts';
import { toCreateAttemptRecord, toJobEventRecord, type JobRepository, type SubmissionRepository } from '@jobgate/store';
import { findJob } from './jobs.routes';

export interface JobHistoryRoutesDeps {
  jobs: JobRepository;
  submissions: SubmissionRepository;
}

/**
 * `GET /v1/jobs/{id}/events` (every status change, oldest first: the timeline) and
 * `GET /v1/jobs/{id}/attempts` (every ModelArts create call with its outcome and error code).
 */
export function jobHistoryRoutes(deps: JobHistoryRoutesDeps): Router {
  const router = Router();
  router.get('/:id/events', async (req, res) => {
    const job = await findJob(deps.jobs, req.params.id!);
    const body: ItemList<JobEventRecord> = { items: (await deps.jobs.events(job.id)).map(toJobEventRecord) };
    res.json(body);
  });
  router.get('/:id/attempts', async (req, res) => {
    const job = await findJob(deps.jobs, req.params.id!);
    const body: ItemList<CreateAttemptRecord> = { items: (await deps.submissions.attempts(job.id)).map(toCreateAttemptRecord) };
    res.json(body);
  });
  return router;
}
