import type { SweepRecord } from '../api/types';
import { formatTime } from '../lib/format';
import { Link } from '../router/link';
import { sweepHref } from '../router/routes';
import { StatusBadge } from './status-badge';
import { SweepProgressBar } from './sweep-progress-bar';

/** One row per sweep with its trials' progress; `showTeam` adds a Team column (operators). */
export function SweepsTable({ sweeps, showTeam = false }: { sweeps: SweepRecord[]; showTeam?: boolean }) {
  return (
    <div class="table-scroll" role="region" aria-label="Sweeps" tabIndex={0}>
      <table class="sweeps-table">
        <thead>
          <tr>
            <th scope="col">Sweep</th>
            <th scope="col">Status</th>
            {showTeam && <th scope="col">Team</th>}
            <th scope="col" class="progress-col">
              Progress
            </th>
            <th scope="col">Method</th>
            <th scope="col">Objective</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {sweeps.map((sweep) => (
            <tr key={sweep.id} data-sweep-id={sweep.id}>
              <td>
                <Link href={sweepHref(sweep.id)}>{sweep.name}</Link>
              </td>
              <td>
                <StatusBadge status={sweep.status} />
              </td>
              {showTeam && <td class="team-cell">{sweep.team ?? <span class="muted">—</span>}</td>}
              <td class="progress-col">
                <SweepProgressBar sweep={sweep} />
              </td>
              <td>{sweep.method}</td>
              <td>{sweep.objective ? `${sweep.objective.goal} ${sweep.objective.metric}` : <span class="muted">—</span>}</td>
              <td>
                <time dateTime={sweep.created_at}>{formatTime(sweep.created_at)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
