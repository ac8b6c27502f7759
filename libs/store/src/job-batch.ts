import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { JobRecord, Problem } from '@jobgate/contracts';
import { UnprocessableError } from '@jobgate/errors';
import { insertJobs } from './job-insert-batcher';
import { toJobRecord, type JobRow } from './job-row';
import type { NewJob } from './new-job';
import type { Tables } from './tables';

/** One item of a batch as the store gets it: a job to accept, or the problem that refused it already. */
export type BatchEntry = { job: NewJob } | { problem: Problem };

/** One item's outcome, in the order given. */
export type BatchOutcome = { status: 202; job: JobRecord } | { status: number; problem: Problem };

/** What is kept for an Idempotency-Key: accepted items by id, refused ones with their problem. */
type StoredOutcome = { status: 202; job_id: string } | { status: number; problem: Problem };

export interface BatchIdempotency {
  owner: string;
  key: string;
  requestHash: string;
}

/**
 * Accepts every job of the batch in one statement inside the caller's transaction; an item whose
 * name a live job (or an earlier item) already has gets a 409 problem at its place. With a key, the
 * outcomes are stored with it, and a repeat of the same batch gets them back (records read afresh).
 */
export async function createJobBatch(
  db: PoolClient,
  t: Tables,
  entries: readonly BatchEntry[],
  idempotency?: BatchIdempotency,
): Promise<{ replayed: boolean; outcomes: BatchOutcome[] }> {
  if (idempotency) {
    const replay = await replayBatch(db, t, idempotency);
    if (replay) return { replayed: true, outcomes: replay };
  }
  const createdAt = new Date();
  const planned = entries.map((entry) => ('job' in entry ? { input: entry.job, id: randomUUID(), createdAt } : null));
  const rows = await insertJobs(
    db,
    t,
    planned.filter((p) => p !== null),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const outcomes = entries.map((entry, i): BatchOutcome => {
    if ('problem' in entry) return { status: entry.problem.status, problem: entry.problem };
    const row = byId.get(planned[i]!.id);
    return row ? { status: 202, job: toJobRecord(row) } : { status: 409, problem: nameTaken(entry.job.trainingJob.job_name) };
  });
  if (idempotency) {
    const stored = outcomes.map((o): StoredOutcome => ('job' in o ? { status: 202, job_id: o.job.id } : o));
    await db.query(`INSERT INTO ${t.idempotency_batches} (owner, key, request_hash, outcomes) VALUES ($1, $2, $3, $4)`, [
      idempotency.owner,
      idempotency.key,
      idempotency.requestHash,
      JSON.stringify(stored),
    ]);
  }
  return { replayed: false, outcomes };
}

async function replayBatch(db: PoolClient, t: Tables, idempotency: BatchIdempotency): Promise<BatchOutcome[] | null> {
  const { rows } = await db.query<{ request_hash: string; outcomes: StoredOutcome[] }>(
    `SELECT request_hash, outcomes FROM ${t.idempotency_batches} WHERE owner = $1 AND key = $2`,
    [idempotency.owner, idempotency.key],
  );
  const stored = rows[0];
  if (!stored) return null;
  if (stored.request_hash !== idempotency.requestHash) {
    throw new UnprocessableError('Idempotency-Key was already used with a different request body', 'idempotency_key_reused');
  }
  const ids = stored.outcomes.flatMap((o) => ('job_id' in o ? [o.job_id] : []));
  const jobs = await db.query<JobRow>(`SELECT * FROM ${t.jobs} WHERE id = ANY($1::uuid[])`, [ids]);
  const byId = new Map(jobs.rows.map((row) => [row.id, toJobRecord(row)]));
  return stored.outcomes.map((o) => ('job_id' in o ? { status: 202, job: byId.get(o.job_id)! } : o));
}

function nameTaken(jobName: string): Problem {
  return {
    type: 'https://jobgate.dev/problems/job_name_taken',
    status: 409,
    title: 'Conflict',
    code: 'job_name_taken',
    detail: `job_name "${jobName}" is already used by a job that has not failed`,
    errors: [{ path: 'training_job.job_name', message: 'is already used by a job that has not failed' }],
  };
}
