import type { PoolClient } from 'pg';
import { SWEEP_SLOT_STATUSES, type JobStatus } from '@jobgate/contracts';
import { replanBayesTrials } from './sweep-bayes';
import { countTrials, failureBudgetExceeded, type SweepRow, type TrialCounts } from './sweep-row';
import type { Tables } from './tables';

/** A trial moved from `pending` to `queued`: what the caller adds to the submit queue. */
export interface ReleasedTrial {
  jobId: string;
  requestId: string | null;
}

/**
 * Moves the next pending trials, in trial order, to `queued`, as many as the sweep has free slots
 * (a bayes sweep re-plans them first, from the results so far).
 * The sweep row lock serialises releases (API, poller replicas), so two of them never fill the
 * same slot. Nothing is released once the sweep is canceling or over its failure budget.
 * Runs inside the caller's transaction.
 */
export async function releaseTrialsIn(db: PoolClient, t: Tables, sweepId: string): Promise<ReleasedTrial[]> {
  const { rows } = await db.query<Pick<SweepRow, 'id' | 'status' | 'max_parallel' | 'max_failed_trials' | 'method' | 'parameters' | 'seed' | 'objective'>>(
    `SELECT id, status, max_parallel, max_failed_trials, method, parameters, seed, objective FROM ${t.sweeps} WHERE id = $1 FOR UPDATE`,
    [sweepId],
  );
  const sweep = rows[0];
  if (!sweep || sweep.status !== 'running') return [];
  const counts = await trialCountsIn(db, t, sweepId);
  const busy = SWEEP_SLOT_STATUSES.reduce((n, status) => n + counts[status], 0);
  const free = sweep.max_parallel - busy;
  if (free <= 0 || counts.pending === 0 || failureBudgetExceeded(sweep, counts)) return [];
  // A bayes sweep decides what its next trials try only now, from the results so far.
  if (sweep.method === 'bayes') await replanBayesTrials(db, t, sweep, free);
  // FOR UPDATE re-checks `pending` on the latest row, so a trial canceled meanwhile is not released.
  const released = await db.query<ReleasedTrial>(
    `WITH picked AS (
       SELECT id FROM ${t.jobs} WHERE sweep_id = $1 AND status = 'pending' ORDER BY sweep_trial LIMIT $2 FOR UPDATE
     ), moved AS (
       UPDATE ${t.jobs} SET status = 'queued', updated_at = now() FROM picked WHERE jobs.id = picked.id
       RETURNING jobs.id, jobs.request_id, jobs.sweep_trial
     ), logged AS (
       INSERT INTO ${t.job_events} (job_id, from_status, to_status, reason) SELECT id, 'pending', 'queued', 'released by sweep' FROM moved
     )
     SELECT id AS "jobId", request_id AS "requestId" FROM moved ORDER BY sweep_trial`,
    [sweepId, free],
  );
  return released.rows;
}

export async function trialCountsIn(db: PoolClient, t: Tables, sweepId: string): Promise<TrialCounts> {
  const { rows } = await db.query<{ status: JobStatus; n: string }>(`SELECT status, count(*) AS n FROM ${t.jobs} WHERE sweep_id = $1 GROUP BY status`, [
    sweepId,
  ]);
  return countTrials(rows);
}
