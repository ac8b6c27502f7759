import { randomInt, randomUUID } from 'node:crypto';
import { Router } from 'express';
import { MAX_SWEEP_SEED, planSweep, validateCreateSweepRequest, type CreateSweepRequest } from '@jobgate/contracts';
import { NotFoundError, ValidationError } from '@jobgate/errors';
import type { Lifecycle } from '@jobgate/lifecycle';
import { callerOf } from '../caller';
import { teamIdOf } from './jobs.routes';
import { parseSweepListQuery } from './sweeps-list-query';

export interface SweepsRoutesDeps {
  lifecycle: Lifecycle;
  /** The seed of a random sweep given none; default a random 32-bit integer, stored with the sweep. */
  randomSeed?: () => number;
  /** Told how many trial jobs each accepted sweep created (the metrics' accepted count). */
  onAccepted?: (count: number, source: 'sweep') => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function sweepsRoutes(deps: SweepsRoutesDeps): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const checked = validateCreateSweepRequest(req.body);
    if (!checked.ok) throw new ValidationError(checked.issues);
    const request = checked.value;
    // Every trial shares the template's flavor, engine and worker count: one check covers them all.
    const refused = await deps.lifecycle.account.checkTrainingJob(request.template.training_job, 'template.training_job');
    if (refused.length) throw new ValidationError(refused);
    const id = randomUUID();
    const seed = seedFor(request, deps.randomSeed);
    const planned = planSweep(request, { sweepId: id, seed: seed ?? 0 });
    if (!planned.ok) throw new ValidationError(planned.issues);
    const sweep = await deps.lifecycle.intake.acceptSweep({ caller: callerOf(res), id, request, trials: planned.value, seed, requestId: res.locals.requestId });
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

  router.post('/:id/cancel', async (req, res) => {
    const id = req.params.id!;
    if (!UUID.test(id)) throw new NotFoundError('sweep', id);
    const summary = await deps.lifecycle.cancels.cancelSweep(id, { caller: callerOf(res), requestId: res.locals.requestId as string });
    res.status(summary.status === 'canceled' ? 200 : 202).json(summary);
  });

  return router;
}

/** Random sweeps always get a seed, so any sweep can be repeated; grid sweeps keep the one given, if any. */
function seedFor(request: CreateSweepRequest, randomSeed?: () => number): number | null {
  if (request.seed !== undefined) return request.seed;
  if (request.method !== 'random') return null;
  return randomSeed ? randomSeed() : randomInt(0, MAX_SWEEP_SEED + 1);
}
