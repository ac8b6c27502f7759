import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { ConflictError } from '@jobgate/errors';
import type { JobRow } from './job-row';
import type { OutboxEntry } from './outbox.repository';
import type { NewJob } from './new-job';

interface Pending {
  input: NewJob;
  id: string;
  createdAt: Date;
  resolve: (inserted: InsertedJob) => void;
  reject: (err: unknown) => void;
}

/** A stored job and the outbox entry that will queue it (none for a `pending` trial). */
export interface InsertedJob {
  row: JobRow;
  outbox: OutboxEntry[];
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

  constructor(private readonly pool: Pool, private readonly maxBatch = 200) {}

  insert(input: NewJob): Promise<InsertedJob> {
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
          const found = byId.get(p.id);
          if (found) {
            const { outbox_id: outboxId, ...row } = found;
            p.resolve({ row, outbox: outboxId ? [{ id: outboxId, kind: 'submit', ref: row.id, requestId: row.request_id }] : [] });
          }
          else p.reject(new ConflictError(`job_name "${p.input.trainingJob.job_name}" is already used by a job that has not failed`, 'job_name_taken'));
        }
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.flushing = false;
  }

  private async insertBatch(batch: Pending[]): Promise<(JobRow & { outbox_id: string | null })[]> {
    const col = <T>(f: (p: Pending) => T) => batch.map(f);
    // The job, its first event and its outbox entry commit together: a queued job is never without the
    // entry that queues it, whatever happens after this statement.
    const { rows } = await this.pool.query<JobRow & { outbox_id: string | null }>(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[], $6::text[], $7::uuid[], $8::text[], $9::timestamptz[])
           WITH ORDINALITY AS t(id, status, job_name, training_job, labels, webhook_url, sweep_id, request_id, created_at, ord)
       ), job AS (
         INSERT INTO jobs (id, status, job_name, training_job, labels, webhook_url, sweep_id, request_id, created_at, updated_at)
         SELECT id, status, job_name, training_job, labels, webhook_url, sweep_id, request_id, created_at, created_at FROM input ORDER BY ord
         ON CONFLICT (job_name) WHERE status NOT IN ('failed', 'canceled') AND rerun_of IS NULL DO NOTHING
         RETURNING *
       ), event AS (
         INSERT INTO job_events (job_id, from_status, to_status, reason) SELECT id, NULL, status, 'accepted' FROM job
       ), outbox AS (
         INSERT INTO outbox (kind, ref, request_id) SELECT 'submit', id::text, request_id FROM job WHERE status = 'queued' RETURNING id, ref
       )
       SELECT job.*, outbox.id::text AS outbox_id FROM job LEFT JOIN outbox ON outbox.ref = job.id::text`,
      [
        col((p) => p.id), col((p) => p.input.status ?? 'queued'), col((p) => p.input.trainingJob.job_name),
        col((p) => JSON.stringify(p.input.trainingJob)), col((p) => JSON.stringify(p.input.labels ?? {})),
        col((p) => p.input.webhookUrl ?? null), col((p) => p.input.sweepId ?? null), col((p) => p.input.requestId ?? null),
        col((p) => p.createdAt),
      ],
    );
    return rows;
  }
}
