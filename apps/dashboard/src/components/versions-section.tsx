import type { JobVersionRecord } from '../api/types';
import { formatTime } from '../lib/format';
import { Link } from '../router/link';
import { jobHref } from '../router/routes';
import { StatusBadge } from './status-badge';

export interface VersionsSectionProps {
  /** The job shown: its row is marked. */
  jobId: string;
  /** `GET /v1/jobs/{id}/versions`: the job and its reruns, oldest first. */
  versions: JobVersionRecord[];
}

/** The versions jobgate made of the job's ModelArts job: the job itself and each rerun, with a link to each. */
export function VersionsSection({ jobId, versions }: VersionsSectionProps) {
  const nameOf = (id: string | null) => versions.find((v) => v.version_id === id)?.version_name ?? id;
  return (
    <section class="card" aria-labelledby="versions-heading">
      <h2 id="versions-heading">ModelArts versions</h2>
      {versions.length <= 1 && (
        <p class="muted">
          One version so far. <code>POST /v1/jobs/{'{id}'}/rerun</code> (or <code>jobgate rerun</code>) makes the next one.
        </p>
      )}
      {versions.length > 1 && (
        <div class="table-scroll" role="region" aria-label="ModelArts versions" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">Derived from</th>
                <th scope="col">jobgate job</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id} data-version-of={v.id} aria-current={v.id === jobId ? 'true' : undefined} class={v.id === jobId ? 'current' : undefined}>
                  <td>
                    <code>{v.version_name ?? 'not created yet'}</code>
                  </td>
                  <td>
                    <StatusBadge status={v.status} />
                  </td>
                  <td>{v.pre_version_id ? <code>{nameOf(v.pre_version_id)}</code> : '—'}</td>
                  <td>{v.id === jobId ? <span>this job</span> : <Link href={jobHref(v.id)}>{v.id}</Link>}</td>
                  <td>{formatTime(v.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
