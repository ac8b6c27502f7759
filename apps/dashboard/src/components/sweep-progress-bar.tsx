import type { SweepRecord } from '../api/types';
import { sweepProgress } from '../lib/progress';

/**
 * Trials by status as one stacked bar (ended on the left, waiting on the right) and "ended/total".
 * The bar is an image to assistive technology, labelled with the full count by status.
 */
export function SweepProgressBar({ sweep, legend = false }: { sweep: Pick<SweepRecord, 'counts' | 'trial_count'>; legend?: boolean }) {
  const progress = sweepProgress(sweep);
  return (
    <div class="progress">
      <div class="progress-row">
        <div class="progress-bar" role="img" aria-label={progress.summary} title={progress.summary}>
          {progress.segments.map((s) => (
            <span key={s.status} class={`segment status-${s.status}`} style={{ width: `${s.percent}%` }} />
          ))}
        </div>
        <span class="progress-text" data-ended={progress.ended} data-total={progress.total}>
          {progress.ended}/{progress.total}
        </span>
      </div>
      {legend && (
        <ul class="legend">
          {progress.segments.map((s) => (
            <li key={s.status}>
              <span class={`swatch status-${s.status}`} aria-hidden="true" />
              {s.count} {s.status}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
