import { Router } from 'express';
import { validateReportMetricsRequest } from '@jobgate/contracts';
import { NotFoundError, ValidationError } from '@jobgate/errors';
import type { Lifecycle } from '@jobgate/lifecycle';
import { callerOf } from '../caller';

export interface JobMetricsRoutesDeps {
  lifecycle: Lifecycle;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `POST /v1/jobs/{id}/metrics`: training code reports its job's final metrics, which a sweep ranks
 * its trials by. Mounted under /v1/jobs next to the job routes.
 */
export function jobMetricsRoutes(deps: JobMetricsRoutesDeps): Router {
  const router = Router();

  router.post('/:id/metrics', async (req, res) => {
    const id = req.params.id!;
    if (!UUID.test(id)) throw new NotFoundError('job', id);
    const checked = validateReportMetricsRequest(req.body);
    if (!checked.ok) throw new ValidationError(checked.issues);
    const metrics = await deps.lifecycle.reporting.recordMetrics(id, checked.value.metrics, callerOf(res));
    if (!metrics) throw new NotFoundError('job', id);
    res.json({ job_id: id, metrics });
  });

  router.get('/:id/metrics', async (req, res) => {
    const id = req.params.id!;
    const found = UUID.test(id) && (await deps.lifecycle.reads.job(id, callerOf(res))) ? await deps.lifecycle.reads.jobMetrics(id) : null;
    if (!found) throw new NotFoundError('job', id);
    res.json({ job_id: id, metrics: found.metrics });
  });

  return router;
}
