import type { PoolClient } from 'pg';
import { bestTrial, isOpenSweep, isTerminal, JOB_STATUSES, type SweepStatus, type SweepSummary } from '@jobgate/contracts';
import { cancelTrialsIn } from './sweep-cancel';
import { trialCountsIn } from './sweep-release';
import { failureBudgetExceeded, toSweepRecord, toSweepTrial, TRIAL_COLUMNS, type SweepRow, type TrialCounts, type TrialRow } from './sweep-row';
import type { Tables } from './tables';

/**
 * Ends an open sweep whose trials have all ended. Pending trials that will never be released (the
 * sweep is canceling, or over its failure budget) are canceled first. Returns the summary exactly
 * once, in the call that ended the sweep; null while trials are still open or when already ended.
 * Runs inside the caller's transaction.
 */
export async function finishIfDoneIn(db: PoolClient, t: Tables, sweepId: string): Promise<SweepSummary | null> {
  const { rows } = await db.query<SweepRow>(`SELECT * FROM ${t.sweeps} WHERE id = $1 FOR UPDATE`, [sweepId]);
  const sweep = rows[0];
  if (!sweep || !isOpenSweep(sweep.status)) return null;
  let counts = await trialCountsIn(db, t, sweepId);
  const overBudget = failureBudgetExceeded(sweep, counts);
  if ((sweep.status === 'canceling' || overBudget) && counts.pending > 0) {
    await cancelTrialsIn(db, t, sweepId, {
      statuses: ['pending'],
      reason: sweep.status === 'canceling' ? 'sweep canceled' : 'skipped: sweep over max_failed_trials',
    });
    counts = await trialCountsIn(db, t, sweepId);
  }
  if (JOB_STATUSES.some((status) => !isTerminal(status) && counts[status] > 0)) return null;
  const status = finalStatus(sweep.status, overBudget, counts);
  const ended = await db.query<SweepRow>(`UPDATE ${t.sweeps} SET status = $2, finished_at = now(), updated_at = now() WHERE id = $1 RETURNING *`, [
    sweepId,
    status,
  ]);
  const trials = await db.query<TrialRow>(`SELECT ${TRIAL_COLUMNS} FROM ${t.jobs} WHERE sweep_id = $1 ORDER BY sweep_trial`, [sweepId]);
  const shown = trials.rows.map(toSweepTrial);
  const summary: SweepSummary = {
    ...toSweepRecord(ended.rows[0]!, counts, shown.filter((t) => t.early_stopped).length),
    best_trial: bestTrial(shown, sweep.objective),
  };
  return summary;
}

function finalStatus(current: SweepStatus, overBudget: boolean, counts: TrialCounts): SweepStatus {
  if (current === 'canceling') return 'canceled';
  return overBudget || counts.succeeded === 0 ? 'failed' : 'succeeded';
}
