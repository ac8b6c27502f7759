import { sweepProgress } from '../sweep-progress';
import type { SweepRecord } from '../sweep-record';
import { renderProgressLine } from './progress-bar';
import { renderFields, shortTime } from './table';

const DETAILS_BAR_WIDTH = 20;

/** `jobgate status <sweep id>`: name, status, trial progress and the best trial when there is one. */
export function renderSweepDetails(sweep: SweepRecord): string {
  const progress = sweepProgress(sweep);
  return renderFields([
    ['sweep', `${sweep.id}${sweep.name ? ` (${sweep.name})` : ''}`],
    ['status', progress.status],
    ['trials', renderProgressLine(progress, DETAILS_BAR_WIDTH)],
    ['parallel', typeof sweep.max_parallel === 'number' ? `at most ${sweep.max_parallel} at once` : undefined],
    ['best trial', describeBestTrial(sweep.best_trial)],
    ['created', shortTime(typeof sweep.created_at === 'string' ? sweep.created_at : undefined)],
    ['finished', shortTime(typeof sweep.finished_at === 'string' ? sweep.finished_at : undefined)],
  ]);
}

/** `sweep`: what was accepted. */
export function renderSweepAccepted(sweep: SweepRecord): string {
  const { total } = sweepProgress(sweep);
  return `accepted sweep ${sweep.id}${sweep.name ? ` (${sweep.name})` : ''}: ${total} trial${total === 1 ? '' : 's'}`;
}

/** `sweep --watch`'s last line. */
export function renderSweepEnded(sweep: SweepRecord): string {
  const progress = sweepProgress(sweep);
  const best = describeBestTrial(sweep.best_trial);
  return `sweep ${sweep.name ?? sweep.id} ${progress.status ?? 'ended'}${best ? `; best trial ${best}` : ''}`;
}

/**
 * The best trial, read defensively (an id, or a trial with parameters and metrics):
 * `lr-search-2 (lr=0.01) loss=0.12`.
 */
export function describeBestTrial(best: unknown): string | undefined {
  if (best === null || best === undefined) return undefined;
  if (typeof best !== 'object') return String(best);
  const trial = best as Record<string, unknown>;
  const name = [trial.job_name, trial.id].find((v) => typeof v === 'string') as string | undefined;
  const parameters = pairs(trial.parameters);
  const text = [name, parameters && `(${parameters})`, pairs(trial.metrics)].filter(Boolean).join(' ');
  return text || JSON.stringify(best);
}

/** `k=v k2=v2` from an object's string and number values. */
function pairs(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const entries = Object.entries(value).filter(([, v]) => typeof v === 'number' || typeof v === 'string');
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(' ') : undefined;
}
