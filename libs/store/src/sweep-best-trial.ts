import type { SweepObjective, SweepTrial } from '@jobgate/contracts';
import { toSweepTrial, TRIAL_COLUMNS, type TrialRow } from './sweep-row';
import type { Queryable } from './with-transaction';
import type { Tables } from './tables';

/**
 * The trial with the best value of the objective's metric, chosen by PostgreSQL so no trial list is
 * read: the same rule as contracts' bestTrial (failed trials and trials without the metric as a
 * number never count; on a tie the lower trial number wins).
 */
export async function bestTrialOf(db: Queryable, t: Tables, sweepId: string, objective: SweepObjective | null): Promise<SweepTrial | null> {
  if (!objective) return null;
  const order = objective.goal === 'minimize' ? 'ASC' : 'DESC';
  const { rows } = await db.query<TrialRow>(
    `SELECT ${TRIAL_COLUMNS} FROM ${t.jobs}
      WHERE sweep_id = $1 AND status <> 'failed' AND jsonb_typeof(metrics -> $2::text) = 'number'
      ORDER BY (metrics ->> $2::text)::float8 ${order}, sweep_trial
      LIMIT 1`,
    [sweepId, objective.metric],
  );
  return rows[0] ? toSweepTrial(rows[0]) : null;
}
