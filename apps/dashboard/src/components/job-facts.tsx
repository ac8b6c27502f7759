import type { JobRecord } from '../api/types';
import { formatDuration, formatTime } from '../lib/format';
import type { WebhookReceiver } from '../lib/webhook-receiver';
import { Link } from '../router/link';
import { jobHref, sweepHref } from '../router/routes';
import { LabelsList } from './labels-list';
import { Fact } from './fact';
import { StatusBadge } from './status-badge';
import { TeamName } from './team-name';

const RECEIVER_TEXT: Record<Exclude<WebhookReceiver, 'job'>, string> = {
  default: "the server's default (WEBHOOK_URL)",
  none: 'none: no webhook_url, and the server has no WEBHOOK_URL',
  unknown: 'default (WEBHOOK_URL)',
};

/** The key fields of a job record; the whole record is in the raw JSON below. */
export function JobFacts({ job, receiver }: { job: JobRecord; receiver: WebhookReceiver }) {
  const ma = job.modelarts;
  return (
    <dl class="facts">
      <Fact term="Status">
        <StatusBadge status={job.status} />
      </Fact>
      <Fact term="Job name">
        <code>{job.job_name}</code>
      </Fact>
      <Fact term="ID">
        <code>{job.id}</code>
      </Fact>
      <Fact term="Team">
        <TeamName team={job.team} />
      </Fact>
      <Fact term="Sweep">{job.sweep_id ? <Link href={sweepHref(job.sweep_id)}>{job.sweep_id}</Link> : '—'}</Fact>
      <Fact term="Labels">
        <LabelsList labels={job.labels} />
      </Fact>
      <Fact term="Rerun of">{job.rerun_of ? <Link href={jobHref(job.rerun_of)}>{job.rerun_of}</Link> : '—'}</Fact>
      <Fact term="ModelArts job">
        {ma ? (
          <span>
            <code>{ma.job_id}</code>{' '}
            {ma.version_id ? (
              <>
                version <code>{ma.version_name ?? ma.version_id}</code>
              </>
            ) : (
              'new version not created yet'
            )}
            {ma.status !== null ? ` · status ${ma.status}${ma.status_name ? ` ${ma.status_name}` : ''}` : ''}
          </span>
        ) : (
          'not created yet'
        )}
      </Fact>
      <Fact term="Submission attempts">{job.attempts}</Fact>
      <Fact term="Error">
        {job.error ? (
          <span class="error-text">
            <code>{job.error.code}</code> {job.error.message}
          </span>
        ) : (
          '—'
        )}
      </Fact>
      <Fact term="Webhook URL">{job.webhook_url ? <code class="wrap">{job.webhook_url}</code> : RECEIVER_TEXT[receiver === 'job' ? 'unknown' : receiver]}</Fact>
      <Fact term="Created">
        <time dateTime={job.created_at}>{formatTime(job.created_at)}</time>
      </Fact>
      <Fact term="Finished">{job.finished_at ? <time dateTime={job.finished_at}>{formatTime(job.finished_at)}</time> : '—'}</Fact>
      <Fact term="Run time">{formatDuration(job.started_at, job.finished_at)}</Fact>
    </dl>
  );
}
