import type { SweepRecord, SweepTrial } from '@jobgate/contracts/records';
import { sweepProgress } from '../sweep-progress';
import { renderTable, shortTime } from './table';

/** A listed sweep with its best trial (null without an objective or before a trial reported it). */
export type ListedSweep = SweepRecord & { best_trial: SweepTrial | null };

/** `jobgate sweeps`: one row per sweep, the full id first so it can be copied into other commands. */
export function renderSweepTable(sweeps: readonly ListedSweep[]): string {
  const rows = sweeps.map((s) => [s.id, s.status, s.name, s.team ?? '-', trials(s), best(s), shortTime(s.created_at) ?? '']);
  return renderTable(['ID', 'STATUS', 'NAME', 'TEAM', 'TRIALS', 'BEST', 'CREATED (UTC)'], rows);
}

/** `12/40 done, 4 active`: finished of all trials, and those queued or in ModelArts. */
function trials(sweep: SweepRecord): string {
  const progress = sweepProgress(sweep);
  return `${progress.finished}/${progress.total} done${progress.active ? `, ${progress.active} active` : ''}`;
}

/** `min loss=0.12 (trial 7)`: the objective's best value so far and the trial that reached it. */
function best(sweep: ListedSweep): string {
  const objective = sweep.objective;
  const value = objective ? sweep.best_trial?.metrics?.[objective.metric] : undefined;
  if (!objective || value === undefined) return '-';
  return `${objective.goal === 'minimize' ? 'min' : 'max'} ${objective.metric}=${value} (trial ${sweep.best_trial!.trial})`;
}
