import { formatTime } from '../lib/format';
import type { TimelineEntry } from '../lib/timeline';
import { StatusBadge } from './status-badge';

export interface StatusTimelineProps {
  entries: TimelineEntry[];
}

/** The job's status history, oldest first. */
export function StatusTimeline({ entries }: StatusTimelineProps) {
  return (
    <section class="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Status timeline</h2>
      <ol class="timeline">
        {entries.map((entry, i) => (
          <li key={`${entry.at}-${entry.status}-${i}`}>
            <time dateTime={entry.at}>{formatTime(entry.at)}</time>
            <StatusBadge status={entry.status} />
            {entry.detail && <span class="muted">{entry.detail}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
