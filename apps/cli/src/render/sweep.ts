import type { SweepDetail, SweepRecord, SweepSummary, SweepTrial } from '@jobgate/contracts/records';
import { sweepProgress } from '../sweep-progress';
import { renderProgressLine } from './progress-bar';
import { renderFields, shortTime } from './table';

const DETAILS_BAR_WIDTH = 20;

/** `jobgate status <sweep id>`: name, status, trial progress and the best trial when there is one. */
export function renderSweepDetails(sweep: SweepDetail): string {
  const progress = sweepProgress(sweep);
  return renderFields([
    ['sweep', `${sweep.id} (${sweep.name})`],
    ['status', progress.status],
    ['team', sweep.team],
    ['trials', renderProgressLine(progress, DETAILS_BAR_WIDTH)],
    ['parallel', `at most ${sweep.max_parallel} at once`],
    ['best trial', describeBestTrial(sweep.best_trial)],
    ['created', shortTime(sweep.created_at)],
    ['finished', shortTime(sweep.finished_at)],
  ]);
}

/** `sweep`: what was accepted. */
export function renderSweepAccepted(sweep: SweepRecord): string {
  const total = sweep.trial_count;
  return `accepted sweep ${sweep.id} (${sweep.name}): ${total} trial${total === 1 ? '' : 's'}`;
}

/** `sweep --watch`'s last line; the best trial comes with a sweep read back (`GET /v1/sweeps/{id}`). */
export function renderSweepEnded(sweep: SweepRecord | SweepSummary): string {
  const best = 'best_trial' in sweep ? describeBestTrial(sweep.best_trial) : undefined;
  return `sweep ${sweep.name} ${sweep.status}${best ? `; best trial ${best}` : ''}`;
}

/** `lr-search-2 (lr=0.01) loss=0.12`: the trial's name, its parameters and the metrics it reported. */
export function describeBestTrial(best: SweepTrial | null): string | undefined {
  if (!best) return undefined;
  const parameters = pairs(best.parameters);
  return [best.job_name, parameters && `(${parameters})`, pairs(best.metrics ?? {})].filter(Boolean).join(' ');
}

/** `k=v k2=v2`, or undefined when there is nothing to show. */
function pairs(values: Record<string, string | number>): string | undefined {
  const entries = Object.entries(values);
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(' ') : undefined;
}
