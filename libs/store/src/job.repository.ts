import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { JobEventRecord, JobRecord, JobStatus, TrainingJobBody } from '@jobgate/contracts';
import { ConflictError, UnprocessableError } from '@jobgate/errors';
import { toJobRecord, type JobRow } from './job-row';
import { decodeCursor, encodeCursor } from './cursor';
import { withTransaction } from './with-transaction';
import { JobInsertBatcher } from './job-insert-batcher';

export interface NewJob {
  trainingJob: TrainingJobBody;
  labels?: Record<string, string>;
  webhookUrl?: string | null;
  sweepId?: string | null;
  requestId?: string | null;
  /** `queued` for single jobs, `pending` for sweep trials waiting for release. */
  status?: 'queued' | 'pending';
}

export interface IdempotencyInput {
  /** Whose key space the key lives in (a hash of the API key), so two teams never collide. */
  owner: string;
  key: string;
  requestHash: string;
}

export type CreateResult = { kind: 'created'; job: JobRecord } | { kind: 'replayed'; job: JobRecord };

/** A `job_events` row: one status change of a job. */
export interface JobEvent {
  at: Date;
  from_status: JobStatus | null;
  to_status: JobStatus;
  modelarts_status: number | null;
  reason: string | null;
}

export function toJobEventRecord(event: JobEvent): JobEventRecord {
  return { at: event.at.toISOString(), from_status: event.from_status, to_status: event.to_status, modelarts_status: event.modelarts_status, reason: event.reason };
}

export interface ListJobsFilter {
  status?: JobStatus;
  labels?: Record<string, string>;
  sweepId?: string;
  /** 1–200; default 50. */
  limit?: number;
  cursor?: string;
}

const UNIQUE_VIOLATION = '23505';

/** Jobs and their idempotency keys. Every status change goes through `transition`, which logs an event. */
export class JobRepository {
  private readonly batcher: JobInsertBatcher;

  constructor(private readonly pool: Pool) {
    this.batcher = new JobInsertBatcher(pool);
  }

  async create(input: NewJob, idempotency?: IdempotencyInput): Promise<CreateResult> {
    try {
      // The common case goes through the batcher: intake speed is bound by commits.
      if (!idempotency) return { kind: 'created', job: toJobRecord(await this.batcher.insert(input)) };
      return await withTransaction(this.pool, async (db) => {
        if (idempotency) {
          const replay = await this.findByIdempotencyKey(db, idempotency);
          if (replay) return { kind: 'replayed', job: replay };
        }
        const row = await insertJob(db, input);
        if (idempotency) {
          await db.query('INSERT INTO idempotency_keys (owner, key, request_hash, job_id) VALUES ($1, $2, $3, $4)', [
            idempotency.owner, idempotency.key, idempotency.requestHash, row.id,
          ]);
        }
        return { kind: 'created', job: toJobRecord(row) };
      });
    } catch (err) {
      if (isUniqueViolation(err, 'jobs_live_name')) {
        throw new ConflictError(`job_name "${input.trainingJob.job_name}" is already used by a job that has not failed`, 'job_name_taken');
      }
      // Two requests with the same new key raced: the loser replays the winner's job.
      if (idempotency && isUniqueViolation(err, 'idempotency_keys_pkey')) return this.create(input, idempotency);
      throw err;
    }
  }

  /** Removes a record whose enqueue failed, so a refused request leaves nothing behind. */
  async delete(id: string): Promise<void> {
    await this.pool.query('DELETE FROM jobs WHERE id = $1', [id]);
  }

  async get(id: string): Promise<JobRecord | null> {
    const row = await this.getRow(id);
    return row ? toJobRecord(row) : null;
  }

  async getRow(id: string): Promise<JobRow | null> {
    const { rows } = await this.pool.query<JobRow>('SELECT * FROM jobs WHERE id = $1', [id]);
    return rows[0] ?? null;
  }

  async list(filter: ListJobsFilter = {}): Promise<{ items: JobRecord[]; next_cursor: string | null }> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.status) add('status = ?', filter.status);
    if (filter.sweepId) add('sweep_id = ?', filter.sweepId);
    if (filter.labels && Object.keys(filter.labels).length > 0) add('labels @> ?::jsonb', JSON.stringify(filter.labels));
    if (filter.cursor) {
      const c = decodeCursor(filter.cursor);
      params.push(new Date(c.createdAtMs), c.id);
      where.push(`(created_at, id) < ($${params.length - 1}, $${params.length})`);
    }
    params.push(limit + 1);
    const sql = `SELECT * FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                 ORDER BY created_at DESC, id DESC LIMIT $${params.length}`;
    const { rows } = await this.pool.query<JobRow>(sql, params);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toJobRecord),
      next_cursor: rows.length > limit && last ? encodeCursor({ createdAtMs: last.created_at.getTime(), id: last.id }) : null,
    };
  }

  /** A job's status changes, oldest first (its timeline). */
  async events(id: string): Promise<JobEvent[]> {
    const { rows } = await this.pool.query<JobEvent>(
      'SELECT at, from_status, to_status, modelarts_status, reason FROM job_events WHERE job_id = $1 ORDER BY id',
      [id],
    );
    return rows;
  }

  /**
   * Moves a job from one of `from` to `to`, applying `patch` and logging an event, atomically.
   * Returns null when the job is not in any of `from` (someone else moved it first).
   */
  async transition(id: string, change: TransitionChange, db: Pool | PoolClient = this.pool): Promise<JobRow | null> {
    const sets = ['status = $3', 'updated_at = now()'];
    const params: unknown[] = [id, change.from, change.to];
    for (const [column, value] of Object.entries(change.patch ?? {})) {
      if (value === NOW) sets.push(`${column} = now()`);
      else if (value === NOW_IF_UNSET) sets.push(`${column} = COALESCE(jobs.${column}, now())`);
      else {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      }
    }
    const { rows } = await db.query<JobRow & { from_status: JobStatus }>(
      `WITH prev AS (SELECT id, status FROM jobs WHERE id = $1 AND status = ANY($2::text[]) FOR UPDATE)
       UPDATE jobs SET ${sets.join(', ')} FROM prev WHERE jobs.id = prev.id RETURNING jobs.*, prev.status AS from_status`,
      params,
    );
    const row = rows[0];
    if (!row) return null;
    if (row.from_status !== change.to || change.logSameStatus) {
      await db.query('INSERT INTO job_events (job_id, from_status, to_status, modelarts_status, reason) VALUES ($1, $2, $3, $4, $5)', [
        id, row.from_status, change.to, row.modelarts_status, change.reason ?? null,
      ]);
    }
    return row;
  }

  private async findByIdempotencyKey(db: PoolClient, idem: IdempotencyInput): Promise<JobRecord | null> {
    const { rows } = await db.query<JobRow & { request_hash: string }>(
      `SELECT j.*, k.request_hash FROM idempotency_keys k JOIN jobs j ON j.id = k.job_id WHERE k.owner = $1 AND k.key = $2`,
      [idem.owner, idem.key],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.request_hash !== idem.requestHash) {
      throw new UnprocessableError('Idempotency-Key was already used with a different request body', 'idempotency_key_reused');
    }
    return toJobRecord(row);
  }
}

/** Marker for "set this column to the database's now()". */
export const NOW = Symbol('now');
/** Marker for "set this column to now() unless it already has a value" (first start, first finish). */
export const NOW_IF_UNSET = Symbol('now-if-unset');

export interface TransitionChange {
  from: readonly JobStatus[];
  to: JobStatus;
  patch?: Record<string, unknown>;
  reason?: string;
  /** Log an event even when the status does not change (a new ModelArts code within the same status). */
  logSameStatus?: boolean;
}

/** The record and its first event in one statement (atomic without an explicit transaction). */
async function insertJob(db: Pool | PoolClient, input: NewJob): Promise<JobRow> {
  const status = input.status ?? 'queued';
  const { rows } = await db.query<JobRow>(
    `WITH job AS (
       INSERT INTO jobs (id, status, job_name, training_job, labels, webhook_url, sweep_id, request_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING *
     ), event AS (
       INSERT INTO job_events (job_id, from_status, to_status, reason) SELECT id, NULL, status, 'accepted' FROM job
     )
     SELECT * FROM job`,
    [randomUUID(), status, input.trainingJob.job_name, JSON.stringify(input.trainingJob), JSON.stringify(input.labels ?? {}),
      input.webhookUrl ?? null, input.sweepId ?? null, input.requestId ?? null, new Date()],
  );
  return rows[0]!;
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === UNIQUE_VIOLATION && e.constraint === constraint;
}
