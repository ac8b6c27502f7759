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
 * its trials by, or with `step` one point of its learning curve. `GET` reads both. Mounted under
 * /v1/jobs next to the job routes.
 */
export function jobMetricsRoutes(deps: JobMetricsRoutesDeps): Router {
  const router = Router();

  router.post('/:id/metrics', async (req, res) => {
    const id = req.params.id!;
    if (!UUID.test(id)) throw new NotFoundError('job', id);
    const checked = validateReportMetricsRequest(req.body);
    if (!checked.ok) throw ValidationError.of(checked);
    const { step, metrics } = checked.value;
    if (step !== undefined) {
      if (!(await deps.lifecycle.reporting.recordStep(id, { step, metrics }, callerOf(res)))) throw new NotFoundError('job', id);
      return void res.json({ job_id: id, step, metrics });
    }
    const recorded = await deps.lifecycle.reporting.recordMetrics(id, metrics, callerOf(res));
    if (!recorded) throw new NotFoundError('job', id);
    res.json({ job_id: id, step: null, metrics: recorded });
  });

  // A new report token for the job, shown once; the old one stops working. Never for a report token.
  router.post('/:id/report-token', async (req, res) => {
    const id = req.params.id!;
    const token = UUID.test(id) ? await deps.lifecycle.reporting.rotateReportToken(id, callerOf(res)) : null;
    if (!token) throw new NotFoundError('job', id);
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json({ job_id: id, report_token: token });
  });

  router.get('/:id/metrics', async (req, res) => {
    const id = req.params.id!;
    const found = UUID.test(id) && (await deps.lifecycle.reads.job(id, callerOf(res))) ? await deps.lifecycle.reads.jobMetrics(id) : null;
    if (!found) throw new NotFoundError('job', id);
    res.json({ job_id: id, metrics: found.metrics, steps: found.steps });
  });

  return router;
}
