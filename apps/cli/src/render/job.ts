import type { JobRecord } from '@jobgate/contracts/records';
import { renderFields, renderTable, shortTime } from './table';

/** `jobgate status <job id>`: the fields a person checks first. */
export function renderJobDetails(job: JobRecord): string {
  return renderFields([
    ['job', `${job.id} (${job.job_name})`],
    ['status', `${job.status}${modelArtsStatus(job)}`],
    ['error', job.error ? `${job.error.code}: ${job.error.message}` : undefined],
    ['team', job.team],
    ['labels', renderLabels(job.labels)],
    ['sweep', job.sweep_id],
    ['rerun of', job.rerun_of],
    ['modelarts', job.modelarts ? modelArtsRef(job.modelarts) : undefined],
    ['attempts', String(job.attempts)],
    ['webhook', job.webhook_url],
    ['created', shortTime(job.created_at)],
    ['submitted', shortTime(job.submitted_at)],
    ['started', shortTime(job.started_at)],
    ['finished', shortTime(job.finished_at)],
  ]);
}

/** `jobgate list`: one row per job, the full id first so it can be copied into other commands. */
export function renderJobTable(jobs: readonly JobRecord[]): string {
  const rows = jobs.map((job) => [job.id, job.status, job.job_name, job.team ?? '-', shortTime(job.created_at) ?? '', renderLabels(job.labels) ?? '']);
  return renderTable(['ID', 'STATUS', 'JOB NAME', 'TEAM', 'CREATED (UTC)', 'LABELS'], rows);
}

/** `submit`: what was accepted. */
export function renderAccepted(job: JobRecord): string {
  return `accepted job ${job.id} (${job.job_name}): ${job.status}`;
}

/** `submit --wait`: one line per status change, stamped with the record's own update time. */
export function renderStatusChange(job: JobRecord): string {
  const time = shortTime(job.updated_at)?.slice(11) ?? '';
  const error = job.error ? ` — ${job.error.code}: ${job.error.message}` : '';
  return `${time}  ${job.job_name}  ${job.status}${modelArtsStatus(job)}${error}`;
}

function modelArtsRef(ref: NonNullable<JobRecord['modelarts']>): string {
  const version = ref.version_id === null ? 'new version not created yet' : `version ${ref.version_id}${ref.version_name ? ` (${ref.version_name})` : ''}`;
  return `job ${ref.job_id}, ${version}${ref.pre_version_id ? `, from version ${ref.pre_version_id}` : ''}`;
}

function modelArtsStatus(job: JobRecord): string {
  const ref = job.modelarts;
  if (!ref || ref.status === null) return '';
  return ` (ModelArts ${ref.status}${ref.status_name ? ` ${ref.status_name}` : ''})`;
}

function renderLabels(labels: Record<string, string>): string | undefined {
  const entries = Object.entries(labels);
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(',') : undefined;
}
