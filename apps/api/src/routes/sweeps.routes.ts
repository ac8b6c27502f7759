import { randomInt, randomUUID } from 'node:crypto';
import { Router, type Response } from 'express';
import { MAX_SWEEP_SEED, planSweep, validateCreateSweepRequest, type CreateSweepRequest, type SweepSummary } from '@jobgate/contracts';
import { NotFoundError, ValidationError } from '@jobgate/errors';
import type { Logger } from '@jobgate/logging';
import type { JobgateQueues } from '@jobgate/queues';
import type { ReleasedTrial, SweepRepository } from '@jobgate/store';
import { ServiceUnavailableError } from '../problem';
import { parseSweepListQuery } from './sweeps-list-query';

export interface SweepsRoutesDeps {
  sweeps: SweepRepository;
  queues: JobgateQueues;
  logger: Logger;
  /**
   * Asks for a trial's ModelArts job to be stopped (the job cancel flow). Default: none, and trials
   * already in ModelArts when their sweep is canceled run to their end.
   */
  requestStop?: (jobId: string, requestId: string) => Promise<void>;
  /**
   * Ends the sweep if all its trials have ended, announcing it (the `sweep.completed` webhook).
   * Default: `sweeps.finishIfDone(id)`, which announces nothing.
   */
  finishSweep?: (sweepId: string) => Promise<SweepSummary | null>;
  /** The seed of a random sweep given none; default a random 32-bit integer, stored with the sweep. */
  randomSeed?: () => number;
  /** Told how many trial jobs each accepted sweep created (the metrics' accepted count). */
  onAccepted?: (count: number, source: 'sweep') => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function sweepsRoutes(deps: SweepsRoutesDeps): Router {
  const router = Router();
  const finishSweep = deps.finishSweep ?? ((id: string) => deps.sweeps.finishIfDone(id));

  router.post('/', async (req, res) => {
    const checked = validateCreateSweepRequest(req.body);
    if (!checked.ok) throw new ValidationError(checked.issues);
    const request = checked.value;
    const id = randomUUID();
    const seed = seedFor(request, deps.randomSeed);
    const planned = planSweep(request, { sweepId: id, seed: seed ?? 0 });
    if (!planned.ok) throw new ValidationError(planned.issues);
    // Thousands of trials are not stored while the queue is known to be away.
    await assertQueueUp(deps.queues);
    const { sweep, released } = await deps.sweeps.create({ id, request, trials: planned.value, seed, requestId: res.locals.requestId });
    await enqueue(deps, released, res.locals.requestId);
    deps.onAccepted?.(planned.value.length, 'sweep');
    res.status(202).location(`/v1/sweeps/${sweep.id}`).json(sweep);
  });

  router.get('/', async (req, res) => {
    res.json(await deps.sweeps.list(parseSweepListQuery(req)));
  });

  router.get('/:id', async (req, res) => {
    const sweep = UUID.test(req.params.id!) ? await deps.sweeps.get(req.params.id!) : null;
    if (!sweep) throw new NotFoundError('sweep', req.params.id!);
    res.json(sweep);
  });

  router.post('/:id/cancel', async (req, res) => {
    const id = req.params.id!;
    const canceled = UUID.test(id) ? await deps.sweeps.cancel(id) : null;
    if (!canceled) throw new NotFoundError('sweep', id);
    await Promise.all(canceled.dequeued.map((jobId) => deps.queues.removeSubmit(jobId).catch((err) => deps.logger.warn({ err, jobId }, 'could not remove a canceled trial from the submit queue'))));
    if (deps.requestStop) await requestStops(deps, canceled.needStop, res);
    await finishSweep(id);
    const { trials: _trials, ...summary } = (await deps.sweeps.get(id))!;
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

async function assertQueueUp(queues: JobgateQueues): Promise<void> {
  try {
    await queues.assertConnected();
  } catch (err) {
    throw new ServiceUnavailableError('The job queue is unavailable; nothing was stored, please retry', err);
  }
}

/**
 * The sweep is stored and its first trials are `queued`; if the queue refuses them now, the worker's
 * periodic reconciliation adds every `queued` record missing from the queue, so the sweep stays accepted.
 */
async function enqueue(deps: SweepsRoutesDeps, released: ReleasedTrial[], requestId: string): Promise<void> {
  try {
    await deps.queues.enqueueSubmitBulk(released.map((r) => ({ jobId: r.jobId, requestId: r.requestId ?? requestId })));
  } catch (err) {
    deps.logger.warn({ err, requestId, trials: released.length }, 'could not enqueue released trials; reconciliation will');
  }
}

async function requestStops(deps: SweepsRoutesDeps, jobIds: string[], res: Response): Promise<void> {
  const requestId = res.locals.requestId as string;
  for (const jobId of jobIds) {
    await deps.requestStop!(jobId, requestId).catch((err) => deps.logger.warn({ err, jobId, requestId }, 'stop request for a trial failed; cancel the sweep again to retry'));
  }
}
