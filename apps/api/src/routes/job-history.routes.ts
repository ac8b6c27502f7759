import { Router } from 'express';
import type { Lifecycle } from '@jobgate/lifecycle';
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
    const job = await findJob(deps.lifecycle.reads, req.params.id!);
    const events = await deps.lifecycle.reads.jobEvents(job.id);
    res.json({ items: events.map((e) => ({ ...e, at: e.at.toISOString() })) });
  });
  router.get('/:id/attempts', async (req, res) => {
    const job = await findJob(deps.lifecycle.reads, req.params.id!);
    const attempts = await deps.lifecycle.reads.jobAttempts(job.id);
    res.json({
      items: attempts.map((a) => ({
        attempt: a.attempt,
        started_at: a.started_at.toISOString(),
        finished_at: a.finished_at?.toISOString() ?? null,
        // null: the worker died during the call, so its outcome is unknown.
        outcome: a.outcome,
        http_status: a.http_status,
        error_code: a.error_code,
        error_message: a.error_message,
        delay_ms: a.delay_ms,
      })),
    });
  });
  return router;
}
