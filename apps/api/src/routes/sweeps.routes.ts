import { randomInt, randomUUID } from 'node:crypto';
import { Router } from 'express';
import { MAX_SWEEP_SEED, METRIC_NAME_PATTERN, planSweep, validateCreateSweepRequest, type CreateSweepRequest } from '@jobgate/contracts';
import { NotFoundError, ValidationError } from '@jobgate/errors';
import type { Lifecycle } from '@jobgate/lifecycle';
import { callerOf } from '../caller';
import { teamIdOf } from './jobs.routes';
import { parseSweepListQuery, parseTrialPageQuery } from './sweeps-list-query';

export interface SweepsRoutesDeps {
  lifecycle: Lifecycle;
  /** The seed of a random sweep given none; default a random 32-bit integer, stored with the sweep. */
  randomSeed?: () => number;
  /** PUBLIC_URL: the base of trials' report URLs; default the base URL of the request. */
  publicUrl?: string | null;
  /** Told how many trial jobs each accepted sweep created (the metrics' accepted count). */
  onAccepted?: (count: number, source: 'sweep') => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function sweepsRoutes(deps: SweepsRoutesDeps): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const checked = validateCreateSweepRequest(req.body);
    if (!checked.ok) throw ValidationError.of(checked);
    const request = checked.value;
    // Every trial shares the template's flavor, engine and worker count: one check covers them all.
    const refused = await deps.lifecycle.account.checkTrainingJob(request.template.training_job, 'template.training_job');
    if (refused.length) throw new ValidationError(refused);
    const id = randomUUID();
    const seed = seedFor(request, deps.randomSeed);
    const planned = planSweep(request, { sweepId: id, seed: seed ?? 0 });
    if (!planned.ok) throw ValidationError.of(planned);
    const reportBaseUrl = deps.publicUrl ?? `${req.protocol}://${req.get('host')}`;
    const sweep = await deps.lifecycle.intake.acceptSweep({
      caller: callerOf(res),
      id,
      request,
      trials: planned.value,
      seed,
      requestId: res.locals.requestId,
      reportBaseUrl,
    });
    deps.onAccepted?.(planned.value.length, 'sweep');
    res.status(202).location(`/v1/sweeps/${sweep.id}`).json(sweep);
  });

  router.get('/', async (req, res) => {
    const { team, ...filter } = parseSweepListQuery(req);
    const teamId = team === undefined ? undefined : await teamIdOf(deps.lifecycle, team);
    res.json(await deps.lifecycle.reads.sweeps({ ...filter, teamId }, callerOf(res)));
  });

  router.get('/:id', async (req, res) => {
    const sweep = UUID.test(req.params.id!) ? await deps.lifecycle.reads.sweep(req.params.id!, callerOf(res)) : null;
    if (!sweep) throw new NotFoundError('sweep', req.params.id!);
    res.json(sweep);
  });

  // Each trial's learning curve: what the sweep page draws (one request, not one per trial).
  router.get('/:id/curves', async (req, res) => {
    const metric = typeof req.query.metric === 'string' ? req.query.metric : undefined;
    if (metric !== undefined && !METRIC_NAME_PATTERN.test(metric))
      throw new ValidationError([{ path: 'query.metric', message: 'must be a metric name (1–64 letters, digits, _ . -)' }], 'The query is invalid');
    const curves = UUID.test(req.params.id!) ? await deps.lifecycle.reads.sweepCurves(req.params.id!, metric, callerOf(res)) : null;
    if (!curves) throw new NotFoundError('sweep', req.params.id!);
    res.json(curves);
  });

  router.get('/:id/trials', async (req, res) => {
    const page = parseTrialPageQuery(req);
    const trials = UUID.test(req.params.id!) ? await deps.lifecycle.reads.sweepTrials(req.params.id!, page, callerOf(res)) : null;
    if (!trials) throw new NotFoundError('sweep', req.params.id!);
    res.json(trials);
  });

  router.post('/:id/cancel', async (req, res) => {
    const id = req.params.id!;
    if (!UUID.test(id)) throw new NotFoundError('sweep', id);
    const summary = await deps.lifecycle.cancels.cancelSweep(id, { caller: callerOf(res), requestId: res.locals.requestId as string });
    res.status(summary.status === 'canceled' ? 200 : 202).json(summary);
  });

  return router;
}

/** Random and bayes sweeps always get a seed, so any sweep can be repeated; grid sweeps keep the one given, if any. */
function seedFor(request: CreateSweepRequest, randomSeed?: () => number): number | null {
  if (request.seed !== undefined) return request.seed;
  if (request.method === 'grid') return null;
  return randomSeed ? randomSeed() : randomInt(0, MAX_SWEEP_SEED + 1);
}
