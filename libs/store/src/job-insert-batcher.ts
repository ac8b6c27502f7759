import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Queryable } from './with-transaction';
import { ConflictError } from '@jobgate/errors';
import type { JobRow } from './job-row';
import type { NewJob } from './new-job';
import type { Tables } from './tables';

interface Pending {
  input: NewJob;
  id: string;
  createdAt: Date;
  resolve: (row: JobRow) => void;
  reject: (err: unknown) => void;
}

/**
 * Inserts concurrent intake requests together: while one INSERT is in flight, new jobs gather and
 * go in the next one. Under load that turns hundreds of commits (each a WAL flush) into a few,
 * and at low load it adds nothing, since a lone job is sent at once. A name clash only fails the
 * request that has it (ON CONFLICT on the live-name index), never its batch neighbours.
 */
export class JobInsertBatcher {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly pool: Pool,
    private readonly t: Tables,
    private readonly maxBatch = 200,
  ) {}

  insert(input: NewJob): Promise<JobRow> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, id: randomUUID(), createdAt: new Date(), resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const rows = await this.insertBatch(batch);
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const p of batch) {
          const row = byId.get(p.id);
          if (row) p.resolve(row);
          else p.reject(new ConflictError(`job_name "${p.input.trainingJob.job_name}" is already used by a job that has not failed`, 'job_name_taken'));
        }
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.flushing = false;
  }

  private insertBatch(batch: Pending[]): Promise<JobRow[]> {
    return insertJobs(this.pool, this.t, batch);
  }
}

/** A job to insert with the id and creation time chosen for it. */
export interface JobToInsert {
  input: NewJob;
  id: string;
  createdAt: Date;
}

/**
 * Inserts jobs with their `accepted` events in one statement. A job whose name a live job already
 * has (or an earlier job of the same list) is skipped: it has no row in the answer.
 */
export async function insertJobs(db: Queryable, t: Tables, batch: readonly JobToInsert[]): Promise<JobRow[]> {
  const col = <T>(f: (p: JobToInsert) => T) => batch.map(f);
  // A queued job needs nothing else: the dispatcher finds it in PostgreSQL and admits it in turn.
  const { rows } = await db.query<JobRow>(
    `WITH input AS (
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[], $6::text[], $7::uuid[], $8::text[], $9::timestamptz[], $10::uuid[], $11::text[], $12::int[])
         WITH ORDINALITY AS t(id, status, job_name, training_job, labels, webhook_url, sweep_id, request_id, created_at, team_id, team, priority, ord)
     ), job AS (
       INSERT INTO ${t.jobs} (id, status, job_name, training_job, labels, webhook_url, sweep_id, request_id, created_at, updated_at, team_id, team, priority)
       SELECT id, status, job_name, training_job, labels, webhook_url, sweep_id, request_id, created_at, created_at, team_id, team, priority FROM input ORDER BY ord
       ON CONFLICT (job_name) WHERE status NOT IN ('failed', 'canceled') AND rerun_of IS NULL DO NOTHING
       RETURNING *
     ), event AS (
       INSERT INTO ${t.job_events} (job_id, from_status, to_status, reason) SELECT id, NULL, status, 'accepted' FROM job
     )
     SELECT * FROM job`,
    [
      col((p) => p.id),
      col((p) => p.input.status ?? 'queued'),
      col((p) => p.input.trainingJob.job_name),
      col((p) => JSON.stringify(p.input.trainingJob)),
      col((p) => JSON.stringify(p.input.labels ?? {})),
      col((p) => p.input.webhookUrl ?? null),
      col((p) => p.input.sweepId ?? null),
      col((p) => p.input.requestId ?? null),
      col((p) => p.createdAt),
      col((p) => p.input.team?.id ?? null),
      col((p) => p.input.team?.name ?? null),
      col((p) => p.input.priority ?? 0),
    ],
  );
  return rows;
}
