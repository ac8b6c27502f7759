import { isActive, isFinished } from './job-status-groups';
import type { SweepRecord } from './sweep-record';

/** Where a sweep stands, whatever shape of sweep record jobgate returned. */
export interface SweepProgress {
  status: string | undefined;
  /** Trials in the sweep (created or still to come). */
  total: number;
  /** Trials by job status; only statuses with at least one trial. */
  counts: Record<string, number>;
  /** Trials succeeded, failed or canceled. */
  finished: number;
  /** Trials queued or in ModelArts. */
  active: number;
  /** The sweep will not change any more. */
  ended: boolean;
}

/** Sweep statuses after which nothing changes; unknown statuses count as still going. */
const ENDED_SWEEP_STATUSES = new Set(['succeeded', 'completed', 'failed', 'canceled', 'stopped']);
const FAILED_SWEEP_STATUSES = new Set(['failed', 'canceled', 'stopped']);

/**
 * Reads a sweep defensively: `counts` when present, else the `trials` list; the total is the largest
 * of what those and `trial_count` show, else `max_trials` (a sweep that has not expanded yet).
 */
export function sweepProgress(sweep: SweepRecord): SweepProgress {
  const counts = countsOf(sweep);
  let finished = 0;
  let active = 0;
  let counted = 0;
  for (const [status, n] of Object.entries(counts)) {
    counted += n;
    if (isFinished(status)) finished += n;
    else if (isActive(status)) active += n;
  }
  const trials = Array.isArray(sweep.trials) ? sweep.trials.length : 0;
  const total = Math.max(counted, trials, positiveNumber(sweep.trial_count)) || positiveNumber(sweep.max_trials);
  const status = typeof sweep.status === 'string' ? sweep.status : undefined;
  const ended = (status !== undefined && ENDED_SWEEP_STATUSES.has(status)) || (total > 0 && finished >= total);
  return { status, total, counts, finished, active, ended };
}

/** `sweep --watch`'s exit code: 1 when the sweep itself failed or was canceled, not for single failed trials. */
export function sweepExitCode(progress: SweepProgress): 0 | 1 {
  return progress.status !== undefined && FAILED_SWEEP_STATUSES.has(progress.status) ? 1 : 0;
}

function countsOf(sweep: SweepRecord): Record<string, number> {
  const counts: Record<string, number> = {};
  if (sweep.counts && typeof sweep.counts === 'object') {
    for (const [status, n] of Object.entries(sweep.counts)) if (positiveNumber(n)) counts[status] = n;
    return counts;
  }
  for (const trial of Array.isArray(sweep.trials) ? sweep.trials : []) {
    const status = typeof trial?.status === 'string' ? trial.status : 'unknown';
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

function positiveNumber(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
