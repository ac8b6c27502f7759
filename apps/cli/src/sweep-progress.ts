import { holdsSweepSlot, isFinishedSweep, isTerminal, JOB_STATUSES, type JobStatus, type SweepRecord, type SweepStatus } from '@jobgate/contracts/records';

/** Where a sweep stands. */
export interface SweepProgress {
  status: SweepStatus;
  /** Trials in the sweep. */
  total: number;
  /** Trials by job status; only statuses with at least one trial. */
  counts: Partial<Record<JobStatus, number>>;
  /** Trials succeeded, failed or canceled. */
  finished: number;
  /** Trials holding one of the sweep's `max_parallel` slots: queued or in ModelArts. */
  active: number;
  /** The sweep will not change any more. */
  ended: boolean;
}

/** From the counts every sweep record carries; the sweep has ended once its status says so or every trial has finished. */
export function sweepProgress(sweep: Pick<SweepRecord, 'status' | 'counts' | 'trial_count'>): SweepProgress {
  const counts: Partial<Record<JobStatus, number>> = {};
  let finished = 0;
  let active = 0;
  for (const status of JOB_STATUSES) {
    const n = sweep.counts[status];
    if (n <= 0) continue;
    counts[status] = n;
    if (isTerminal(status)) finished += n;
    else if (holdsSweepSlot(status)) active += n;
  }
  const total = sweep.trial_count;
  const ended = isFinishedSweep(sweep.status) || (total > 0 && finished >= total);
  return { status: sweep.status, total, counts, finished, active, ended };
}

/** `sweep --watch`'s exit code: 1 when the sweep itself failed or was canceled, not for single failed trials. */
export function sweepExitCode(progress: SweepProgress): 0 | 1 {
  return isFinishedSweep(progress.status) && progress.status !== 'succeeded' ? 1 : 0;
}
