import type { CreateAttemptRecord, JobRecord } from '../api/types';
import { formatTime } from '../lib/format';

export interface AttemptsSectionProps {
  job: JobRecord;
  /** `GET /v1/jobs/{id}/attempts`; none yet: the record's count and error stand in. */
  attempts: CreateAttemptRecord[];
}

/** ModelArts create attempts and their error codes. */
export function AttemptsSection({ job, attempts }: AttemptsSectionProps) {
  return (
    <section class="card" aria-labelledby="attempts-heading">
      <h2 id="attempts-heading">Submission attempts</h2>
      {attempts.length > 0 ? <AttemptsTable attempts={attempts} /> : <AttemptsSummary job={job} />}
    </section>
  );
}

function AttemptsTable({ attempts }: { attempts: CreateAttemptRecord[] }) {
  return (
    <div class="table-scroll" role="region" aria-label="Submission attempts" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Started</th>
            <th scope="col">Outcome</th>
            <th scope="col">HTTP</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((a) => (
            <tr key={a.attempt}>
              <td>{a.attempt}</td>
              <td>{formatTime(a.started_at)}</td>
              <td>{a.outcome ?? 'unknown'}</td>
              <td>{a.http_status ?? '—'}</td>
              <td>
                {a.error_code ? (
                  <span class="error-text">
                    <code>{a.error_code}</code> {a.error_message}
                  </span>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AttemptsSummary({ job }: { job: JobRecord }) {
  const count = job.attempts;
  return (
    <div>
      <p>{count === 0 ? 'Not sent to ModelArts yet.' : `${count} attempt${count === 1 ? '' : 's'} to create the ModelArts job.`}</p>
      {job.error && (
        <p class="error-text">
          Last error: <code>{job.error.code}</code> {job.error.message} {job.error.retryable ? '(retryable)' : '(permanent)'}
        </p>
      )}
    </div>
  );
}
