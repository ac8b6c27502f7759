import type { Pool, PoolClient } from 'pg';
import { STOPPABLE_STATUSES, WAITING_STATUSES, type JobStatus } from '@jobgate/contracts';
import { ConflictError } from '@jobgate/errors';
import type { SweepRow } from './sweep-row';
import type { Tables } from './tables';

export interface CancelSweepResult {
  /** Trials that were `queued`, now `canceled`: their submit-queue entries can be removed. */
  dequeued: string[];
  /** Trials that may already exist in ModelArts and need a stop call (see trialsNeedingStopIn). */
  needStop: string[];
}

/**
 * Marks an open sweep `canceling` and cancels, in PostgreSQL, every trial not yet handed to a worker
 * (`pending`, `queued`): those never reach ModelArts, because only the dispatcher admits `queued` jobs.
 * Repeating it on a canceling or canceled sweep is harmless and reports what still needs stopping.
 * Returns null for an unknown sweep; a sweep that already succeeded or failed is a conflict.
 * Runs inside the caller's transaction.
 */
export async function cancelSweepIn(db: PoolClient, t: Tables, sweepId: string): Promise<CancelSweepResult | null> {
  const { rows } = await db.query<Pick<SweepRow, 'status'>>(`SELECT status FROM ${t.sweeps} WHERE id = $1 FOR UPDATE`, [sweepId]);
  const sweep = rows[0];
  if (!sweep) return null;
  if (sweep.status === 'succeeded' || sweep.status === 'failed') {
    throw new ConflictError(`sweep ${sweepId} has already ended (${sweep.status})`, 'sweep_ended');
  }
  if (sweep.status === 'running') {
    await db.query(`UPDATE ${t.sweeps} SET status = 'canceling', cancel_requested_at = now(), updated_at = now() WHERE id = $1`, [sweepId]);
  }
  const canceled = await cancelTrialsIn(db, t, sweepId, { statuses: WAITING_STATUSES, reason: 'sweep canceled' });
  return {
    dequeued: canceled.filter((t) => t.from_status === 'queued').map((t) => t.id),
    needStop: await trialsNeedingStopIn(db, t, sweepId),
  };
}

/**
 * Trials a worker has taken or ModelArts runs, in trial order: they end only through a stop call.
 * `canceling` ones are left out: their stop was already asked for.
 */
export async function trialsNeedingStopIn(db: Pool | PoolClient, t: Tables, sweepId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM ${t.jobs} WHERE sweep_id = $1 AND status = ANY($2::text[]) ORDER BY sweep_trial`, [
    sweepId,
    STOPPABLE_STATUSES,
  ]);
  return rows.map((r) => r.id);
}

/** Cancels a sweep's trials that are in one of `statuses`, logging each; returns them, in trial order, with their previous status. */
export async function cancelTrialsIn(
  db: PoolClient,
  t: Tables,
  sweepId: string,
  options: { statuses: readonly JobStatus[]; reason: string },
): Promise<{ id: string; from_status: JobStatus }[]> {
  const { rows } = await db.query<{ id: string; from_status: JobStatus }>(
    `WITH prev AS (
       SELECT id, status FROM ${t.jobs} WHERE sweep_id = $1 AND status = ANY($2::text[]) FOR UPDATE
     ), moved AS (
       UPDATE ${t.jobs} SET status = 'canceled', finished_at = now(), updated_at = now() FROM prev WHERE jobs.id = prev.id
       RETURNING jobs.id, prev.status AS from_status, jobs.sweep_trial
     ), logged AS (
       INSERT INTO ${t.job_events} (job_id, from_status, to_status, reason) SELECT id, from_status, 'canceled', $3 FROM moved
     )
     SELECT id, from_status FROM moved ORDER BY sweep_trial`,
    [sweepId, options.statuses, options.reason],
  );
  return rows;
}
