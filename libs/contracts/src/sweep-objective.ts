import type { SweepTrial } from './sweep-record';
import type { SweepObjective } from './sweep-request';

/**
 * The trial with the best value of the objective's metric. Failed trials are left out (their numbers
 * come from a run that did not finish); trials still running may count, so the best is visible while
 * the sweep runs. On a tie the earlier trial wins. `trials` must be in trial order.
 */
export function bestTrial(trials: readonly SweepTrial[], objective: SweepObjective | null): SweepTrial | null {
  if (!objective) return null;
  let best: SweepTrial | null = null;
  let bestValue = 0;
  for (const trial of trials) {
    const value = trial.metrics?.[objective.metric];
    if (trial.status === 'failed' || typeof value !== 'number') continue;
    if (best === null || (objective.goal === 'minimize' ? value < bestValue : value > bestValue)) {
      best = trial;
      bestValue = value;
    }
  }
  return best;
}
