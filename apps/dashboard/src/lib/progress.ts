import type { JobStatus, SweepRecord } from '../api/types';
import { isTerminal } from '@jobgate/contracts/records';
import { PROGRESS_ORDER } from './status';

interface ProgressSegment {
  status: JobStatus;
  count: number;
  /** Share of all trials, 0–100. */
  percent: number;
}

export interface SweepProgress {
  total: number;
  ended: number;
  segments: ProgressSegment[];
  /** "4 of 6 trials ended: 3 succeeded, 1 failed, 2 running", for screen readers and the title. */
  summary: string;
}

/** The stacked bar of a sweep's trials by status, from the counts every sweep record carries. */
export function sweepProgress(sweep: Pick<SweepRecord, 'counts' | 'trial_count'>): SweepProgress {
  const total = Math.max(sweep.trial_count, 0);
  const segments = PROGRESS_ORDER.map((status) => ({ status, count: sweep.counts[status] }))
    .filter((s) => s.count > 0)
    .map((s) => ({ ...s, percent: total > 0 ? (s.count / total) * 100 : 0 }));
  const ended = segments.filter((s) => isTerminal(s.status)).reduce((sum, s) => sum + s.count, 0);
  const parts = segments.map((s) => `${s.count} ${s.status}`).join(', ');
  const summary = `${ended} of ${total} trial${total === 1 ? '' : 's'} ended${parts ? `: ${parts}` : ''}`;
  return { total, ended, segments, summary };
}
