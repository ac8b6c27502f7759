import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { JobEventRecord, JobRecord, JobStatus, JobVersionRecord } from '@jobgate/contracts';
import { ConflictError, UnprocessableError } from '@jobgate/errors';
import { toJobRecord, type JobRow } from './job-row';
import { decodeCursor, encodeCursor } from './cursor';
import { withTransaction } from './with-transaction';
import { createJobBatch, type BatchEntry, type BatchIdempotency, type BatchOutcome } from './job-batch';
import { JobInsertBatcher } from './job-insert-batcher';
import type { NewJob } from './new-job';

export type { NewJob } from './new-job';
import { toJobSnapshot, type JobSnapshot } from './job-snapshot';
import type { Tables } from './tables';

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
  return {
    at: event.at.toISOString(),
    from_status: event.from_status,
    to_status: event.to_status,
    modelarts_status: event.modelarts_status,
    reason: event.reason,
  };
}

export interface ListJobsFilter {
  status?: JobStatus;
  labels?: Record<string, string>;
  sweepId?: string;
  /** Only this team's jobs; absent: everyone's. */
  teamId?: string;
  /** 1–200; default 50. */
  limit?: number;
  cursor?: string;
}

const UNIQUE_VIOLATION = '23505';

/** Jobs and their idempotency keys. Status changes are the intent repositories' (submission, poll, cancel). */
export class JobRepository {
  private readonly batcher: JobInsertBatcher;

  constructor(
    private readonly pool: Pool,
    private readonly t: Tables,
  ) {
    this.batcher = new JobInsertBatcher(pool, t);
  }

  async create(input: NewJob, idempotency?: IdempotencyInput): Promise<CreateResult> {
    try {
      // The common case goes through the batcher: intake speed is bound by commits.
      if (!idempotency && !input.rerun) return { kind: 'created', job: toJobRecord(await this.batcher.insert(input)) };
      return await withTransaction(this.pool, async (db) => {
        if (idempotency) {
          const replay = await this.findByIdempotencyKey(db, idempotency);
          if (replay) return { kind: 'replayed', job: replay };
        }
        const row = await insertJob(db, this.t, input);
        if (idempotency) {
          await db.query(`INSERT INTO ${this.t.idempotency_keys} (owner, key, request_hash, job_id) VALUES ($1, $2, $3, $4)`, [
            idempotency.owner,
            idempotency.key,
            idempotency.requestHash,
            row.id,
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

  /**
   * Accepts a batch in one transaction (one INSERT for all its jobs); see createJobBatch. Two
   * requests racing with the same new key: the loser replays the winner's answer.
   */
  async createBatch(entries: readonly BatchEntry[], idempotency?: BatchIdempotency): Promise<{ replayed: boolean; outcomes: BatchOutcome[] }> {
    try {
      return await withTransaction(this.pool, (db) => createJobBatch(db, this.t, entries, idempotency));
    } catch (err) {
      if (idempotency && isUniqueViolation(err, 'idempotency_batches_pkey')) return this.createBatch(entries, idempotency);
      throw err;
    }
  }

  /** The job, if it exists and (with `teamId`) belongs to that team. */
  async get(id: string, teamId?: string): Promise<JobRecord | null> {
    const row = await this.getRow(id);
    return row && (teamId === undefined || row.team_id === teamId) ? toJobRecord(row) : null;
  }

  async getSnapshot(id: string): Promise<JobSnapshot | null> {
    const row = await this.getRow(id);
    return row ? toJobSnapshot(row) : null;
  }

  private async getRow(id: string): Promise<JobRow | null> {
    const { rows } = await this.pool.query<JobRow>(`SELECT * FROM ${this.t.jobs} WHERE id = $1`, [id]);
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
    if (filter.teamId) add('team_id = ?', filter.teamId);
    if (filter.labels && Object.keys(filter.labels).length > 0) add('labels @> ?::jsonb', JSON.stringify(filter.labels));
    if (filter.cursor) {
      const c = decodeCursor(filter.cursor);
      params.push(new Date(c.createdAtMs), c.id);
      where.push(`(created_at, id) < ($${params.length - 1}, $${params.length})`);
    }
    params.push(limit + 1);
    const sql = `SELECT * FROM ${this.t.jobs} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                 ORDER BY created_at DESC, id DESC LIMIT $${params.length}`;
    const { rows } = await this.pool.query<JobRow>(sql, params);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toJobRecord),
      next_cursor: rows.length > limit && last ? encodeCursor({ createdAtMs: last.created_at.getTime(), id: last.id }) : null,
    };
  }

  /**
   * The versions of the job's ModelArts job that jobgate created: the job itself and every job that
   * shares its ModelArts job (the original and its reruns), oldest first. Just the job while it has
   * none yet. With `teamId`, only that team's.
   */
  async versions(id: string, teamId?: string): Promise<JobVersionRecord[]> {
    const { rows } = await this.pool.query<JobRow>(
      `SELECT * FROM ${this.t.jobs} WHERE (id = $1 OR modelarts_job_id = (SELECT modelarts_job_id FROM ${this.t.jobs} WHERE id = $1))
         AND ($2::uuid IS NULL OR team_id = $2::uuid)
       ORDER BY created_at, id`,
      [id, teamId ?? null],
    );
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      rerun_of: row.rerun_of,
      version_id: row.modelarts_version_id,
      version_name: row.modelarts_version_name,
      pre_version_id: row.modelarts_pre_version_id,
      modelarts_status: row.modelarts_status,
      created_at: row.created_at.toISOString(),
    }));
  }

  /** A job's status changes, oldest first (its timeline). */
  async events(id: string): Promise<JobEvent[]> {
    const { rows } = await this.pool.query<JobEvent>(
      `SELECT at, from_status, to_status, modelarts_status, reason FROM ${this.t.job_events} WHERE job_id = $1 ORDER BY id`,
      [id],
    );
    return rows;
  }

  private async findByIdempotencyKey(db: PoolClient, idem: IdempotencyInput): Promise<JobRecord | null> {
    const { rows } = await db.query<JobRow & { request_hash: string }>(
      `SELECT j.*, k.request_hash FROM ${this.t.idempotency_keys} k JOIN ${this.t.jobs} j ON j.id = k.job_id WHERE k.owner = $1 AND k.key = $2`,
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

/** The record and its first event in one statement (atomic without an explicit transaction). */
async function insertJob(db: Pool | PoolClient, t: Tables, input: NewJob): Promise<JobRow> {
  const status = input.status ?? 'queued';
  const { rows } = await db.query<JobRow>(
    `WITH job AS (
       INSERT INTO ${t.jobs} (id, status, job_name, training_job, labels, webhook_url, sweep_id, request_id, created_at, updated_at, team_id, team, priority,
                         rerun_of, modelarts_job_id, modelarts_pre_version_id, report_token_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING *
     ), event AS (
       INSERT INTO ${t.job_events} (job_id, from_status, to_status, reason) SELECT id, NULL, status, 'accepted' FROM job
     )
     SELECT * FROM job`,
    [
      input.id ?? randomUUID(),
      status,
      input.trainingJob.job_name,
      JSON.stringify(input.trainingJob),
      JSON.stringify(input.labels ?? {}),
      input.webhookUrl ?? null,
      input.sweepId ?? null,
      input.requestId ?? null,
      new Date(),
      input.team?.id ?? null,
      input.team?.name ?? null,
      input.priority ?? 0,
      input.rerun?.of ?? null,
      input.rerun?.jobId ?? null,
      input.rerun?.preVersionId ?? null,
      input.reportTokenDigest ?? null,
    ],
  );
  return rows[0]!;
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === UNIQUE_VIOLATION && e.constraint === constraint;
}
