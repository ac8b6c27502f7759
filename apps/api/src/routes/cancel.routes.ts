import { Router } from 'express';
import { ConflictError, NotFoundError } from '@jobgate/errors';
import type { Logger } from '@jobgate/logging';
import type { JobgateQueues } from '@jobgate/queues';
import { toJobRecord, type CancelRepository, type JobRepository } from '@jobgate/store';
import { findJob } from './jobs.routes';

export interface CancelRoutesDeps {
  jobs: JobRepository;
  cancels: CancelRepository;
  queues: JobgateQueues;
  logger: Logger;
}

/** `POST /v1/jobs/{id}/cancel` → 202 with the record; 409 once the job has ended. */
export function cancelRoutes(deps: CancelRoutesDeps): Router {
  const router = Router();
  router.post('/:id/cancel', async (req, res) => {
    const id = (await findJob(deps.jobs, req.params.id!)).id;
    const requestId = res.locals.requestId as string;
    const result = await deps.cancels.requestCancel(id);
    if (result.kind === 'not_found') throw new NotFoundError('job', id);
    if (result.kind === 'terminal') throw new ConflictError(`job ${id} has already ended (${result.row.status}); there is nothing to cancel`, 'job_terminal');
    const log = deps.logger.child({ jobId: id, requestId });
    if (result.kind === 'canceled') {
      // Already `canceled` in PostgreSQL, so a worker that holds the queue job skips it; removal is tidiness.
      await deps.queues.removeSubmit(id).catch((err) => log.warn({ err }, 'could not remove the canceled job from the submit queue'));
      await deps.queues.enqueueWebhooks(result.eventIds, { requestId }).catch((err) => log.warn({ err }, 'webhook enqueue failed; reconciliation will send it'));
    }
    if (result.kind === 'stopping' || result.kind === 'already') {
      // Repeating a cancel re-sends the stop, so a request that met a Redis outage can simply be retried.
      await deps.queues.enqueueCancel({ jobId: id, requestId });
    }
    log.info({ outcome: result.kind, status: result.row.status }, 'cancel requested');
    res.status(202).json(toJobRecord(result.row));
  });
  return router;
}
