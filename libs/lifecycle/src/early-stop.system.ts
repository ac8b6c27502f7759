import { shouldStopAtMedian } from '@jobgate/contracts';
import { ConflictError } from '@jobgate/errors';
import type { Caller } from './caller';
import type { CancelSystem } from './cancel.system';
import type { IntentContext } from './intent-context';

// Median stopping acts on its own authority, as the sweep's owner asked it to.
const EARLY_STOPPING: Caller = { kind: 'operator', keyId: 'early-stopping' };
const JUDGED = new Set(['submitted', 'running']);

/**
 * Median stopping of sweep trials, judged each time a trial reports a step of its learning curve.
 * A trial judged worse than the median is stopped through the ordinary cancel path (a stop call to
 * ModelArts, reason `early_stopped`) and counted on its sweep apart from failures.
 */
export class EarlyStopSystem {
  constructor(
    private readonly ctx: IntentContext,
    private readonly cancels: CancelSystem,
  ) {}

  /** Judges the trial after a report; true when it was stopped now. */
  async judge(jobId: string): Promise<boolean> {
    const trial = await this.ctx.store.sweeps.learningTrial(jobId);
    if (!trial?.earlyStopping || !trial.objective || !JUDGED.has(trial.status)) return false;
    const curves = await this.ctx.store.metrics.sweepCurves(trial.sweepId, trial.objective.metric);
    const own = curves.find((c) => c.jobId === jobId)?.points ?? [];
    const others = curves.filter((c) => c.jobId !== jobId).map((c) => c.points);
    const { min_trials: minTrials, start_step: startStep } = trial.earlyStopping;
    if (!shouldStopAtMedian(own, others, { goal: trial.objective.goal, minTrials, startStep })) return false;
    // Flagged first, so however fast the stop lands the trial ends flagged.
    await this.ctx.store.sweeps.markEarlyStopped(jobId);
    try {
      await this.cancels.cancelJob(jobId, { caller: EARLY_STOPPING, reason: 'early_stopped' });
    } catch (err) {
      if (err instanceof ConflictError) return false; // it ended meanwhile: nothing to stop (a flag on a success counts for nothing)
      throw err;
    }
    this.ctx.logger.info({ jobId, sweepId: trial.sweepId, step: own[own.length - 1]?.step }, 'trial stopped early (median rule)');
    return true;
  }
}
