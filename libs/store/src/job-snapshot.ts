import type { JobRecord, JobStatus } from '@jobgate/contracts';
import { toJobRecord, type JobRow } from './job-row';

/**
 * A job as the lifecycle layer sees it: what its decisions read, plus the wire record that webhooks
 * and responses carry. Rows stay inside the store; this is what leaves it.
 */
export interface JobSnapshot {
  id: string;
  status: JobStatus;
  jobName: string;
  /** ModelArts workspace of the job (`training_job.workspace_id`); the list API covers one at a time. */
  workspaceId: string | null;
  requestId: string | null;
  sweepId: string | null;
  /** The owning team; null for an operator's job. */
  teamId: string | null;
  /** Create calls started so far: the fencing token of the latest attempt. */
  attempts: number;
  firstAttemptAt: Date | null;
  cancelRequestedAt: Date | null;
  submittedAt: Date | null;
  createdAt: Date;
  errorCode: string | null;
  /**
   * Null until the job exists in ModelArts. A rerun knows its ModelArts job from the start and gets
   * its `versionId` once its version was created.
   */
  modelarts: { jobId: string; versionId: string | null; status: number | null; createTime: Date | null } | null;
  /** Set for a rerun: the job it reruns, and the ModelArts job and version its new version derives from. */
  rerun: { of: string; jobId: string; preVersionId: string } | null;
  record: JobRecord;
}

export function toJobSnapshot(row: JobRow): JobSnapshot {
  const workspace = row.training_job.workspace_id;
  return {
    id: row.id,
    status: row.status,
    jobName: row.job_name,
    workspaceId: typeof workspace === 'string' && workspace !== '' ? workspace : null,
    requestId: row.request_id,
    sweepId: row.sweep_id,
    teamId: row.team_id,
    attempts: row.attempts,
    firstAttemptAt: row.first_attempt_at,
    cancelRequestedAt: row.cancel_requested_at,
    submittedAt: row.submitted_at,
    createdAt: row.created_at,
    errorCode: row.error_code,
    modelarts: row.modelarts_job_id
      ? { jobId: row.modelarts_job_id, versionId: row.modelarts_version_id, status: row.modelarts_status, createTime: row.modelarts_create_time }
      : null,
    rerun:
      row.rerun_of && row.modelarts_job_id && row.modelarts_pre_version_id
        ? { of: row.rerun_of, jobId: row.modelarts_job_id, preVersionId: row.modelarts_pre_version_id }
        : null,
    record: toJobRecord(row),
  };
}
