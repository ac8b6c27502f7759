import type { Pool } from 'pg';
import { ACTIVE_STATUSES, SUBMISSION_STATUSES, type CreateAttemptOutcome, type CreateAttemptRecord, type JobStatus } from '@jobgate/contracts';
import { JobRepository, NOW } from './job.repository';
import type { JobRow } from './job-row';
import { withTransaction } from './with-transaction';

// Serialises slot claims so that concurrent workers cannot both take the last MAX_ACTIVE_JOBS slot.
const SLOT_LOCK = 740_116_043;

export type ClaimResult =
  | { kind: 'claimed'; job: JobRow; attempts: AttemptRow[] }
  | { kind: 'no_slot'; active: number }
  | { kind: 'skip'; job: JobRow | null };

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

/** The worker's side of the store: claiming a slot, recording each create attempt, recording the outcome. */
export class SubmissionRepository {
  private readonly jobs: JobRepository;

  constructor(private readonly pool: Pool) {
    this.jobs = new JobRepository(pool);
  }

  /**
   * Takes a MAX_ACTIVE_JOBS slot for a `queued` job (→ `submitting`). A job already `submitting`
   * (a retry, or a crashed worker's job picked up again) keeps the slot it has.
   */
  async claim(id: string, maxActive: number): Promise<ClaimResult> {
    return withTransaction(this.pool, async (db) => {
      const { rows } = await db.query<JobRow>('SELECT * FROM jobs WHERE id = $1 FOR UPDATE', [id]);
      const job = rows[0];
      if (!job || (job.status !== 'queued' && job.status !== 'submitting')) return { kind: 'skip', job: job ?? null };
      if (job.status === 'queued') {
        await db.query('SELECT pg_advisory_xact_lock($1)', [SLOT_LOCK]);
        const active = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM jobs WHERE status = ANY($1::text[])', [ACTIVE_STATUSES])).rows[0]!.n);
        if (active >= maxActive) return { kind: 'no_slot', active };
      }
      const claimed = job.status === 'queued'
        ? await this.jobs.transition(id, { from: ['queued'], to: 'submitting', reason: 'slot claimed' }, db)
        : job;
      const attempts = await db.query<AttemptRow>('SELECT * FROM job_attempts WHERE job_id = $1 ORDER BY attempt', [id]);
      return { kind: 'claimed', job: claimed!, attempts: attempts.rows };
    });
  }

  /** Records that a create call is about to be sent; returns its number. Written before the call, so a crash leaves a trace. */
  async startAttempt(id: string): Promise<number> {
    const { rows } = await this.pool.query<{ attempts: number }>(
      `UPDATE jobs SET attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, now()), updated_at = now()
       WHERE id = $1 RETURNING attempts`,
      [id],
    );
    const attempt = rows[0]!.attempts;
    await this.pool.query('INSERT INTO job_attempts (job_id, attempt) VALUES ($1, $2)', [id, attempt]);
    return attempt;
  }

  async finishAttempt(id: string, attempt: number, result: AttemptResult): Promise<void> {
    await this.pool.query(
      `UPDATE job_attempts SET finished_at = now(), outcome = $3, http_status = $4, error_code = $5, error_message = $6, delay_ms = $7
       WHERE job_id = $1 AND attempt = $2`,
      [id, attempt, result.outcome, result.httpStatus ?? null, result.errorCode ?? null, result.errorMessage ?? null, result.delayMs ?? null],
    );
  }

  async setAttemptDelay(id: string, attempt: number, delayMs: number): Promise<void> {
    await this.pool.query('UPDATE job_attempts SET delay_ms = $3 WHERE job_id = $1 AND attempt = $2', [id, attempt, delayMs]);
  }

  async attempts(id: string): Promise<AttemptRow[]> {
    return (await this.pool.query<AttemptRow>('SELECT * FROM job_attempts WHERE job_id = $1 ORDER BY attempt', [id])).rows;
  }

  async markSubmitted(id: string, ref: SubmittedRef, reason = 'created in ModelArts'): Promise<JobRow | null> {
    return this.jobs.transition(id, {
      from: ['submitting'],
      to: 'submitted',
      reason,
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
  }

  async markFailed(id: string, error: { code: string; message: string; retryable?: boolean }, from: readonly JobStatus[] = SUBMISSION_STATUSES): Promise<JobRow | null> {
    return this.jobs.transition(id, {
      from,
      to: 'failed',
      reason: error.code,
      patch: { error_code: error.code, error_message: error.message, error_retryable: error.retryable ?? false, finished_at: NOW },
    });
  }

  /** Keeps the latest transient error on the record while the job waits for its next attempt. */
  async noteError(id: string, error: { code: string; message: string; retryable: boolean }): Promise<void> {
    await this.pool.query('UPDATE jobs SET error_code = $2, error_message = $3, error_retryable = $4, updated_at = now() WHERE id = $1', [
      id, error.code, error.message, error.retryable,
    ]);
  }

  /**
   * Records that should be in the submit queue (`queued` / `submitting`), oldest first, a page at a
   * time (pass the last id of a page as `after` for the next), for reconciliation.
   */
  async unfinishedSubmissions(options: { after?: string; limit?: number } = {}): Promise<{ jobId: string; requestId: string | null }[]> {
    const { rows } = await this.pool.query<{ jobId: string; requestId: string | null }>(
      `SELECT id AS "jobId", request_id AS "requestId" FROM jobs
       WHERE status = ANY($3::text[]) AND ($1::uuid IS NULL OR id > $1::uuid)
       ORDER BY id LIMIT $2`,
      [options.after ?? null, options.limit ?? 5_000, SUBMISSION_STATUSES],
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
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM jobs WHERE status = ANY($1::text[])', [ACTIVE_STATUSES]);
    return Number(rows[0]!.n);
  }
}
