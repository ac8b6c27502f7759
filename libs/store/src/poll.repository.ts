import { POLLED_STATUSES, type JobStatus } from '@jobgate/contracts';
import type { JobRow } from './job-row';
import { toJobSnapshot, type JobSnapshot } from './job-snapshot';
import { NOW_IF_UNSET, transitionJob } from './job-transition';
import type { JobError } from './submission.repository';
import type { Queryable } from './with-transaction';

/** What a poll learned and what it means for the job (decided by the lifecycle layer). */
export interface StatusChange {
  to: JobStatus;
  /** The ModelArts status code and name now reported; null when ModelArts no longer knows the job. */
  code: number | null;
  statusName: string | null;
  reason: string;
  /** The job has started running (sets `started_at` once). */
  started?: boolean;
  /** The job has ended (sets `finished_at` once). */
  finished?: boolean;
  error?: JobError;
}

/** The poller's side of the store: the jobs to follow and the changes it saw. */
export class PollRepository {
  constructor(private readonly db: Queryable) {}

  /** Jobs that exist in ModelArts and have not ended, oldest ModelArts create time first. */
  async activeJobs(): Promise<JobSnapshot[]> {
    const { rows } = await this.db.query<JobRow>(
      `SELECT * FROM jobs WHERE status = ANY($1::text[]) AND modelarts_job_id IS NOT NULL
       ORDER BY modelarts_create_time NULLS FIRST, id`,
      [POLLED_STATUSES],
    );
    return rows.map(toJobSnapshot);
  }

  /** Applies one observed change, conditional on the status `before` had; null when the job moved meanwhile. */
  async applyStatus(before: JobSnapshot, change: StatusChange): Promise<JobSnapshot | null> {
    const patch: Record<string, unknown> = {};
    if (change.code !== null) Object.assign(patch, { modelarts_status: change.code, modelarts_status_name: change.statusName });
    if (change.started) patch.started_at = NOW_IF_UNSET;
    if (change.finished || change.error) patch.finished_at = NOW_IF_UNSET;
    if (change.error) Object.assign(patch, { error_code: change.error.code, error_message: change.error.message, error_retryable: change.error.retryable });
    const row = await transitionJob(this.db, before.id, {
      from: [before.status], to: change.to, reason: change.reason, patch, logSameStatus: change.to === before.status,
    });
    return row && toJobSnapshot(row);
  }
}
