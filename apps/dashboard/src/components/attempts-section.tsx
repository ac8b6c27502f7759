import type { JobRecord } from '../api/types';
import type { AttemptRow } from '../lib/attempt-rows';
import { formatTime } from '../lib/format';

export interface AttemptsSectionProps {
  job: JobRecord;
  /** From the attempts endpoint; null when this API has none (then the record's count and error). */
  attempts: AttemptRow[] | null;
}

/** ModelArts create attempts and their error codes. */
export function AttemptsSection({ job, attempts }: AttemptsSectionProps) {
  return (
    <section class="card" aria-labelledby="attempts-heading">
      <h2 id="attempts-heading">Submission attempts</h2>
      {attempts && attempts.length > 0 ? <AttemptsTable attempts={attempts} /> : <AttemptsSummary job={job} />}
    </section>
  );
}

function AttemptsTable({ attempts }: { attempts: AttemptRow[] }) {
  return (
    <div class="table-scroll" role="region" aria-label="Submission attempts" tabIndex={0}>
      <table>
        <thead>
          <tr><th scope="col">#</th><th scope="col">Started</th><th scope="col">Outcome</th><th scope="col">HTTP</th><th scope="col">Error</th></tr>
        </thead>
        <tbody>
          {attempts.map((a) => (
            <tr key={a.attempt}>
              <td>{a.attempt}</td>
              <td>{formatTime(a.startedAt)}</td>
              <td>{a.outcome ?? 'unknown'}</td>
              <td>{a.httpStatus ?? '—'}</td>
              <td>{a.errorCode ? <span class="error-text"><code>{a.errorCode}</code> {a.errorMessage}</span> : '—'}</td>
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
