import type { PoolClient } from 'pg';
import { proposeTrial, TPE_STARTUP_TRIALS, type TpeObservation, type TrainingJobBody } from '@jobgate/contracts';
import type { SweepRow } from './sweep-row';
import type { Tables } from './tables';

/**
 * Re-plans the next `count` pending trials of a `bayes` sweep from the results so far, just before
 * they are released: each gets the TPE proposal for its trial number, written into its
 * `config.parameter` and `sweep_parameters`. Until enough trials have results, the proposals are
 * the random start-up draws the trials were stored with, so nothing is written. Runs under the
 * sweep row lock the release holds, so two releases never plan from different results.
 */
export async function replanBayesTrials(
  db: PoolClient,
  t: Tables,
  sweep: Pick<SweepRow, 'id' | 'parameters' | 'seed' | 'objective'>,
  count: number,
): Promise<void> {
  if (!sweep.objective) return;
  const observations = await observationsOf(db, t, sweep.id, sweep.objective.metric);
  if (observations.length < TPE_STARTUP_TRIALS) return;
  const { rows } = await db.query<{ id: string; sweep_trial: number; training_job: TrainingJobBody }>(
    `SELECT id, sweep_trial, training_job FROM ${t.jobs} WHERE sweep_id = $1 AND status = 'pending' ORDER BY sweep_trial LIMIT $2 FOR UPDATE`,
    [sweep.id, count],
  );
  for (const row of rows) {
    const values = proposeTrial(sweep.parameters, observations, { seed: Number(sweep.seed ?? 0), index: row.sweep_trial - 1, goal: sweep.objective.goal });
    const parameter = (row.training_job.config.parameter ?? []).map((p) => (Object.hasOwn(values, p.label) ? { label: p.label, value: values[p.label]! } : p));
    const trainingJob = { ...row.training_job, config: { ...row.training_job.config, parameter } };
    await db.query(`UPDATE ${t.jobs} SET training_job = $2, sweep_parameters = $3 WHERE id = $1`, [
      row.id,
      JSON.stringify(trainingJob),
      JSON.stringify(values),
    ]);
  }
}

/**
 * Trials that ran to the end, or that median stopping cut short, in trial order (the sampler's
 * input order): the final value of the objective's metric, else the last one the curve reported.
 */
async function observationsOf(db: PoolClient, t: Tables, sweepId: string, metric: string): Promise<TpeObservation[]> {
  const { rows } = await db.query<{ parameters: Record<string, string>; value: number | null }>(
    `SELECT j.sweep_parameters AS parameters,
            COALESCE(CASE WHEN jsonb_typeof(j.metrics -> $2) = 'number' THEN (j.metrics ->> $2)::float8 END,
                     (SELECT (s.metrics ->> $2)::float8 FROM ${t.job_metric_steps} s
                       WHERE s.job_id = j.id AND jsonb_typeof(s.metrics -> $2) = 'number' ORDER BY s.step DESC LIMIT 1)) AS value
       FROM ${t.jobs} j
      WHERE j.sweep_id = $1 AND (j.status = 'succeeded' OR (j.status = 'canceled' AND j.early_stopped))
      ORDER BY j.sweep_trial`,
    [sweepId, metric],
  );
  return rows.filter((r): r is { parameters: Record<string, string>; value: number } => r.value !== null);
}
