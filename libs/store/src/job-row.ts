import type { JobRecord, JobStatus, TrainingJobBody } from '@jobgate/contracts';

/** A `jobs` row as pg returns it. */
export interface JobRow {
  id: string;
  status: JobStatus;
  job_name: string;
  training_job: TrainingJobBody;
  labels: Record<string, string>;
  team_id: string | null;
  team: string | null;
  priority: number;
  webhook_url: string | null;
  sweep_id: string | null;
  rerun_of: string | null;
  request_id: string | null;
  modelarts_job_id: string | null;
  modelarts_version_id: string | null;
  modelarts_version_name: string | null;
  modelarts_resource_id: string | null;
  modelarts_status: number | null;
  modelarts_status_name: string | null;
  modelarts_create_time: Date | null;
  modelarts_pre_version_id: string | null;
  attempts: number;
  first_attempt_at: Date | null;
  error_code: string | null;
  error_message: string | null;
  error_retryable: boolean | null;
  cancel_requested_at: Date | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
}

export function toJobRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    status: row.status,
    job_name: row.job_name,
    training_job: row.training_job,
    labels: row.labels,
    priority: row.priority,
    team: row.team,
    webhook_url: row.webhook_url,
    sweep_id: row.sweep_id,
    rerun_of: row.rerun_of,
    modelarts: row.modelarts_job_id
      ? {
          job_id: row.modelarts_job_id,
          version_id: row.modelarts_version_id,
          version_name: row.modelarts_version_name,
          resource_id: row.modelarts_resource_id,
          status: row.modelarts_status,
          status_name: row.modelarts_status_name,
          create_time: iso(row.modelarts_create_time),
          pre_version_id: row.modelarts_pre_version_id,
        }
      : null,
    attempts: row.attempts,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '', retryable: row.error_retryable ?? false } : null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    submitted_at: iso(row.submitted_at),
    started_at: iso(row.started_at),
    finished_at: iso(row.finished_at),
  };
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}
