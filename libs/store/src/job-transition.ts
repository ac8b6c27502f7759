import type { Pool, PoolClient } from 'pg';
import type { JobStatus } from '@jobgate/contracts';
import type { JobRow } from './job-row';
import type { Tables } from './tables';

/** Marker for "set this column to the database's now()". */
export const NOW = Symbol('now');
/** Marker for "set this column to now() unless it already has a value" (first start, first finish). */
export const NOW_IF_UNSET = Symbol('now-if-unset');

/** One status change of a job, with the columns it sets. Internal to the store: callers use intent methods. */
export interface TransitionChange {
  from: readonly JobStatus[];
  to: JobStatus;
  patch?: Record<string, unknown>;
  reason?: string;
  /** Log an event even when the status does not change (a new ModelArts code within the same status). */
  logSameStatus?: boolean;
  /** Fencing: apply only while the job's `attempts` still equals this (the attempt that decided it is the latest). */
  attempt?: number;
}

/**
 * Moves a job from one of `from` to `to`, applying `patch` and logging an event, atomically.
 * Returns null when the job is not in any of `from` (someone else moved it first) or, with
 * `attempt`, when a later create attempt has started since.
 */
export async function transitionJob(db: Pool | PoolClient, t: Tables, id: string, change: TransitionChange): Promise<JobRow | null> {
  const sets = ['status = $3', 'updated_at = now()'];
  const params: unknown[] = [id, change.from, change.to, change.attempt ?? null];
  for (const [column, value] of Object.entries(change.patch ?? {})) {
    if (value === NOW) sets.push(`${column} = now()`);
    else if (value === NOW_IF_UNSET) sets.push(`${column} = COALESCE(jobs.${column}, now())`);
    else {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
  }
  const { rows } = await db.query<JobRow & { from_status: JobStatus }>(
    `WITH prev AS (
       SELECT id, status FROM ${t.jobs} WHERE id = $1 AND status = ANY($2::text[]) AND ($4::int IS NULL OR attempts = $4::int) FOR UPDATE
     )
     UPDATE ${t.jobs} SET ${sets.join(', ')} FROM prev WHERE jobs.id = prev.id RETURNING jobs.*, prev.status AS from_status`,
    params,
  );
  const row = rows[0];
  if (!row) return null;
  if (row.from_status !== change.to || change.logSameStatus) {
    await db.query(`INSERT INTO ${t.job_events} (job_id, from_status, to_status, modelarts_status, reason) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      row.from_status,
      change.to,
      row.modelarts_status,
      change.reason ?? null,
    ]);
  }
  return row;
}
