import { ACTIVE_STATUSES, SUBMISSION_STATUSES, type CreateAttemptOutcome, type CreateAttemptRecord, type JobStatus } from '@jobgate/contracts';
import type { JobRow } from './job-row';
import { toJobSnapshot, type JobSnapshot } from './job-snapshot';
import { NOW, transitionJob } from './job-transition';
import { inTransaction, type Queryable } from './with-transaction';
import type { Tables } from './tables';

export type ClaimResult = { kind: 'claimed'; job: JobSnapshot; attempts: AttemptRow[] } | { kind: 'skip'; status: JobStatus | null };

export interface AttemptRow {
  attempt: number;
  started_at: Date;
  finished_at: Date | null;
  outcome: AttemptOutcome | null;
  http_status: number | null;
  error_code: string | null;
  error_message: string | null;
  delay_ms: number | null;
}

/** NULL in the table = the worker died during the call. */
export type AttemptOutcome = CreateAttemptOutcome;

/** Field by field: the row (`SELECT *`) carries `job_id` too, which the record leaves out. */
export function toCreateAttemptRecord(row: AttemptRow): CreateAttemptRecord {
  return {
    attempt: row.attempt,
    started_at: row.started_at.toISOString(),
    finished_at: row.finished_at?.toISOString() ?? null,
    outcome: row.outcome,
    http_status: row.http_status,
    error_code: row.error_code,
    error_message: row.error_message,
    delay_ms: row.delay_ms,
  };
}

export interface AttemptResult {
  outcome: AttemptOutcome;
  httpStatus?: number | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  /** Delay chosen before the next attempt, when there is one. */
  delayMs?: number | null;
}

export interface SubmittedRef {
  jobId: string;
  versionId: string;
  versionName: string | null;
  resourceId: string | null;
  status: number;
  statusName: string | null;
  createTime: number;
}

export interface JobError {
  code: string;
  message: string;
  retryable: boolean;
}

/**
 * The submission side of the store: slot claims, create attempts and their outcomes. Every outcome
 * is fenced by the attempt that produced it: it applies only while that attempt is the job's latest,
 * so a worker that lost its lock cannot overwrite what a newer attempt decided.
 */
export class SubmissionRepository {
  constructor(
    private readonly db: Queryable,
    private readonly t: Tables,
  ) {}

  /**
   * A job the dispatcher admitted (`submitting`: it holds a slot), with its attempts so far. Anything
   * else is skipped: a `queued` job waits for its turn, an ended one has nothing left to submit.
   */
  async claim(id: string): Promise<ClaimResult> {
    return inTransaction(this.db, async (db) => {
      const { rows } = await db.query<JobRow>(`SELECT * FROM ${this.t.jobs} WHERE id = $1 FOR UPDATE`, [id]);
      const job = rows[0];
      if (!job || job.status !== 'submitting') return { kind: 'skip', status: job?.status ?? null };
      const attempts = await db.query<AttemptRow>(`SELECT * FROM ${this.t.job_attempts} WHERE job_id = $1 ORDER BY attempt`, [id]);
      return { kind: 'claimed', job: toJobSnapshot(job), attempts: attempts.rows };
    });
  }

  /** Records that a create call is about to be sent; returns its number. Written before the call, so a crash leaves a trace. */
  async startAttempt(id: string): Promise<number> {
    const { rows } = await this.db.query<{ attempts: number }>(
      `WITH bumped AS (
         UPDATE ${this.t.jobs} SET attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, now()), updated_at = now()
         WHERE id = $1 RETURNING attempts
       ), logged AS (
         INSERT INTO ${this.t.job_attempts} (job_id, attempt) SELECT $1, attempts FROM bumped
       )
       SELECT attempts FROM bumped`,
      [id],
    );
    return rows[0]!.attempts;
  }

  async finishAttempt(id: string, attempt: number, result: AttemptResult): Promise<void> {
    await this.db.query(
      `UPDATE ${this.t.job_attempts} SET finished_at = now(), outcome = $3, http_status = $4, error_code = $5, error_message = $6, delay_ms = $7
       WHERE job_id = $1 AND attempt = $2`,
      [id, attempt, result.outcome, result.httpStatus ?? null, result.errorCode ?? null, result.errorMessage ?? null, result.delayMs ?? null],
    );
  }

  async attempts(id: string): Promise<AttemptRow[]> {
    return (await this.db.query<AttemptRow>(`SELECT * FROM ${this.t.job_attempts} WHERE job_id = $1 ORDER BY attempt`, [id])).rows;
  }

  /** `submitting` → `submitted` with the ModelArts ids, if `attempt` is still the latest. */
  async markSubmitted(id: string, attempt: number, ref: SubmittedRef, reason = 'created in ModelArts'): Promise<JobSnapshot | null> {
    const row = await transitionJob(this.db, this.t, id, {
      from: ['submitting'],
      to: 'submitted',
      reason,
      attempt,
      patch: {
        modelarts_job_id: ref.jobId,
        modelarts_version_id: ref.versionId,
        modelarts_version_name: ref.versionName,
        modelarts_resource_id: ref.resourceId,
        modelarts_status: ref.status,
        modelarts_status_name: ref.statusName,
        modelarts_create_time: new Date(ref.createTime),
        submitted_at: NOW,
        error_code: null,
        error_message: null,
        error_retryable: null,
      },
    });
    return row && toJobSnapshot(row);
  }

  /** `queued`/`submitting` → `failed`; with `attempt`, only if it is still the latest. */
  async markFailed(id: string, error: JobError, options: { attempt?: number } = {}): Promise<JobSnapshot | null> {
    const row = await transitionJob(this.db, this.t, id, {
      from: SUBMISSION_STATUSES,
      to: 'failed',
      reason: error.code,
      attempt: options.attempt,
      patch: { error_code: error.code, error_message: error.message, error_retryable: error.retryable, finished_at: NOW },
    });
    return row && toJobSnapshot(row);
  }

  /** Keeps the latest transient error on the record while the job waits for its next attempt (fenced by `attempt`). */
  async noteError(id: string, attempt: number, error: JobError): Promise<void> {
    await this.db.query(
      `UPDATE ${this.t.jobs} SET error_code = $3, error_message = $4, error_retryable = $5, updated_at = now()
       WHERE id = $1 AND attempts = $2 AND status = 'submitting'`,
      [id, attempt, error.code, error.message, error.retryable],
    );
  }

  /**
   * Records that should be in the submit queue (admitted: `submitting`), by id, a page at a
   * time (pass the last id of a page as `after` for the next), for reconciliation.
   */
  async unfinishedSubmissions(options: { after?: string; limit?: number } = {}): Promise<{ jobId: string; requestId: string | null }[]> {
    const { rows } = await this.db.query<{ jobId: string; requestId: string | null }>(
      `SELECT id AS "jobId", request_id AS "requestId" FROM ${this.t.jobs}
       WHERE status = 'submitting' AND ($1::uuid IS NULL OR id > $1::uuid)
       ORDER BY id LIMIT $2`,
      [options.after ?? null, options.limit ?? 5_000],
    );
    return rows;
  }

  /** Every unfinished record, page by page, through `visit`; returns the sum of what `visit` returns. */
  async forEachUnfinished(visit: (page: { jobId: string; requestId: string | null }[]) => Promise<number>): Promise<number> {
    let total = 0;
    for (let after: string | undefined; ;) {
      const page = await this.unfinishedSubmissions({ after });
      if (page.length === 0) return total;
      total += await visit(page);
      after = page[page.length - 1]!.jobId;
    }
  }

  async activeCount(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.t.jobs} WHERE status = ANY($1::text[])`, [ACTIVE_STATUSES]);
    return Number(rows[0]!.n);
  }
}
