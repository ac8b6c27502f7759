import { POLLED_STATUSES, type JobStatus } from '@jobgate/contracts';
import type { JobRow } from './job-row';
import { toJobSnapshot, type JobSnapshot } from './job-snapshot';
import { NOW_IF_UNSET, transitionJob } from './job-transition';
import type { JobError } from './submission.repository';
import type { Queryable } from './with-transaction';
import type { Tables } from './tables';

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

/**
 * What a page of status changes reads back: every column but the request (`training_job`,
 * `labels`), which a status change leaves as it was; re-reading 1,000 requests per page was most
 * of its cost.
 */
// Typed by JobRow, so a column added to jobs (and to JobRow) cannot be left out of what a page reads back.
const RETURNED_COLUMNS: Record<Exclude<keyof JobRow, 'training_job' | 'labels'>, true> = {
  id: true,
  status: true,
  job_name: true,
  team_id: true,
  team: true,
  priority: true,
  webhook_url: true,
  sweep_id: true,
  request_id: true,
  rerun_of: true,
  modelarts_job_id: true,
  modelarts_pre_version_id: true,
  modelarts_version_id: true,
  modelarts_version_name: true,
  modelarts_resource_id: true,
  modelarts_status: true,
  modelarts_status_name: true,
  modelarts_create_time: true,
  attempts: true,
  first_attempt_at: true,
  error_code: true,
  error_message: true,
  error_retryable: true,
  cancel_requested_at: true,
  created_at: true,
  updated_at: true,
  submitted_at: true,
  started_at: true,
  finished_at: true,
};
const RETURNED = Object.keys(RETURNED_COLUMNS)
  .map((column) => `jobs.${column}`)
  .join(', ');

/** The poller's side of the store: the jobs to follow and the changes it saw. */
export class PollRepository {
  constructor(
    private readonly db: Queryable,
    private readonly t: Tables,
  ) {}

  /** Jobs that exist in ModelArts and have not ended, oldest ModelArts create time first. */
  async activeJobs(): Promise<JobSnapshot[]> {
    const { rows } = await this.db.query<JobRow>(
      `SELECT * FROM ${this.t.jobs} WHERE status = ANY($1::text[]) AND modelarts_job_id IS NOT NULL
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
    const row = await transitionJob(this.db, this.t, before.id, {
      from: [before.status],
      to: change.to,
      reason: change.reason,
      patch,
      logSameStatus: change.to === before.status,
    });
    return row && toJobSnapshot(row);
  }

  /**
   * Applies many observed changes in one statement, each conditional on the status its `before`
   * had (a job moved meanwhile is skipped: null at its place), with their job events. Rows are
   * locked in id order, so two pollers applying overlapping pages cannot deadlock.
   */
  async applyStatuses(items: readonly { before: JobSnapshot; change: StatusChange }[]): Promise<(JobSnapshot | null)[]> {
    if (items.length === 0) return [];
    const column = <T>(pick: (item: { before: JobSnapshot; change: StatusChange }) => T) => items.map(pick);
    const { rows } = await this.db.query<Omit<JobRow, 'training_job' | 'labels'> & { from_status: JobStatus }>(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::bool[], $7::bool[], $8::text[], $9::text[], $10::bool[], $11::bool[], $12::text[])
           AS t(id, from_status, to_status, code, status_name, started, finished, error_code, error_message, error_retryable, log_same, reason)
       ), prev AS (
         SELECT j.id, j.status FROM ${this.t.jobs} j JOIN input i ON i.id = j.id AND j.status = i.from_status ORDER BY j.id FOR UPDATE OF j
       ), updated AS (
         UPDATE ${this.t.jobs} SET
           status = i.to_status, updated_at = now(),
           modelarts_status = CASE WHEN i.code IS NULL THEN jobs.modelarts_status ELSE i.code END,
           modelarts_status_name = CASE WHEN i.code IS NULL THEN jobs.modelarts_status_name ELSE i.status_name END,
           started_at = CASE WHEN i.started THEN COALESCE(jobs.started_at, now()) ELSE jobs.started_at END,
           finished_at = CASE WHEN i.finished OR i.error_code IS NOT NULL THEN COALESCE(jobs.finished_at, now()) ELSE jobs.finished_at END,
           error_code = CASE WHEN i.error_code IS NULL THEN jobs.error_code ELSE i.error_code END,
           error_message = CASE WHEN i.error_code IS NULL THEN jobs.error_message ELSE i.error_message END,
           error_retryable = CASE WHEN i.error_code IS NULL THEN jobs.error_retryable ELSE i.error_retryable END
         FROM prev JOIN input i ON i.id = prev.id
         WHERE jobs.id = prev.id
         RETURNING ${RETURNED}, prev.status AS from_status, i.log_same, i.reason
       ), logged AS (
         INSERT INTO ${this.t.job_events} (job_id, from_status, to_status, modelarts_status, reason)
         SELECT id, from_status, status, modelarts_status, reason FROM updated
         WHERE from_status <> status OR log_same
         ORDER BY id
       )
       SELECT * FROM updated`,
      [
        column((i) => i.before.id),
        column((i) => i.before.status),
        column((i) => i.change.to),
        column((i) => i.change.code),
        column((i) => (i.change.code === null ? null : i.change.statusName)),
        column((i) => Boolean(i.change.started)),
        column((i) => Boolean(i.change.finished)),
        column((i) => i.change.error?.code ?? null),
        column((i) => i.change.error?.message ?? null),
        column((i) => i.change.error?.retryable ?? null),
        column((i) => i.change.to === i.before.status),
        column((i) => i.change.reason),
      ],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return items.map(({ before }) => {
      const row = byId.get(before.id);
      // A status change never touches the request itself: it is taken from the snapshot, not read back.
      return row ? toJobSnapshot({ ...row, training_job: before.record.training_job, labels: before.record.labels }) : null;
    });
  }
}
