import type { JobRecord } from '../api/types';
import { formatTime, shortId } from '../lib/format';
import { Link } from '../router/link';
import { jobHref, sweepHref } from '../router/routes';
import { LabelsList } from './labels-list';
import { StatusBadge } from './status-badge';

/**
 * One row per job, newest first as the API sends them; scrolls sideways on narrow screens.
 * `showTeam`: a Team column (operators, who see every team's jobs).
 */
export function JobsTable({ jobs, showTeam = false }: { jobs: JobRecord[]; showTeam?: boolean }) {
  return (
    <div class="table-scroll" role="region" aria-label="Jobs" tabIndex={0}>
      <table class="jobs-table">
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Status</th>
            {showTeam && <th scope="col">Team</th>}
            <th scope="col">Labels</th>
            <th scope="col">Sweep</th>
            <th scope="col">Created</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id} data-job-id={job.id}>
              <td>
                <Link href={jobHref(job.id)}>{job.job_name}</Link>
              </td>
              <td>
                <StatusBadge status={job.status} />
              </td>
              {showTeam && <td class="team-cell">{job.team ?? <span class="muted">—</span>}</td>}
              <td>
                <LabelsList labels={job.labels} />
              </td>
              <td>{job.sweep_id ? <Link href={sweepHref(job.sweep_id)}>{shortId(job.sweep_id)}</Link> : <span class="muted">—</span>}</td>
              <td>
                <time dateTime={job.created_at}>{formatTime(job.created_at)}</time>
              </td>
              <td>
                <time dateTime={job.updated_at}>{formatTime(job.updated_at)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
