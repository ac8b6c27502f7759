import { Router } from 'express';
import { validateRerunRequest, type ItemList, type JobVersionRecord } from '@jobgate/contracts';
import { ValidationError } from '@jobgate/errors';
import type { Lifecycle } from '@jobgate/lifecycle';
import { callerOf } from '../caller';
import { findJob, idempotencyFor } from './jobs.routes';

export interface JobVersionsRoutesDeps {
  lifecycle: Lifecycle;
  /** Told about each rerun accepted (not about idempotent replays): the metrics' accepted count. */
  onAccepted?: (count: number, source: 'job') => void;
}

/**
 * `POST /v1/jobs/{id}/rerun` → 202 with a new job that becomes a new version of the job's ModelArts
 * job (optional `{"config": {...}}` changes, validated like a create); `GET /v1/jobs/{id}/versions`
 * → the versions jobgate made of that ModelArts job, oldest first.
 */
export function jobVersionsRoutes(deps: JobVersionsRoutesDeps): Router {
  const router = Router();

  router.post('/:id/rerun', async (req, res) => {
    const caller = callerOf(res);
    const source = await findJob(deps.lifecycle.reads, req.params.id!, caller);
    const checked = validateRerunRequest(req.body, source.training_job);
    if (!checked.ok) throw new ValidationError(checked.issues);
    const refused = await deps.lifecycle.account.checkTrainingJob(checked.value, '');
    if (refused.length) throw new ValidationError(refused);
    // The same key and body rerunning another job is another request.
    const idempotency = idempotencyFor(req, { rerun_of: source.id, body: req.body ?? null });
    const result = await deps.lifecycle.intake.acceptRerun({ caller, source, trainingJob: checked.value, requestId: res.locals.requestId }, idempotency);
    if (result.kind === 'created') deps.onAccepted?.(1, 'job');
    else res.setHeader('Idempotent-Replayed', 'true');
    res.status(202).location(`/v1/jobs/${result.job.id}`).json(result.job);
  });

  router.get('/:id/versions', async (req, res) => {
    const caller = callerOf(res);
    const job = await findJob(deps.lifecycle.reads, req.params.id!, caller);
    const body: ItemList<JobVersionRecord> = { items: await deps.lifecycle.reads.jobVersions(job.id, caller) };
    res.json(body);
  });

  return router;
}
