import type { Queryable } from './with-transaction';
import type { Tables } from './tables';

/** One point of a job's learning curve. */
export interface MetricStepRow {
  step: number;
  metrics: Record<string, number>;
}

/**
 * Metrics a job's training code reports (`POST /v1/jobs/{id}/metrics`): final ones, which a sweep
 * ranks its trials by, and the points of its learning curve, which early stopping compares.
 */
export class JobMetricsRepository {
  constructor(
    private readonly pool: Queryable,
    private readonly t: Tables,
  ) {}

  /**
   * Replaces the job's metrics with `metrics`, whatever the job's status: training code reports just
   * before it exits, often before the poller has seen the job end. Reporting the same body again
   * changes nothing. Returns null for an unknown job.
   */
  async set(jobId: string, metrics: Record<string, number>): Promise<Record<string, number> | null> {
    const { rows } = await this.pool.query<{ metrics: Record<string, number> }>(
      `UPDATE ${this.t.jobs} SET metrics = $2, updated_at = now() WHERE id = $1 RETURNING metrics`,
      [jobId, JSON.stringify(metrics)],
    );
    return rows[0]?.metrics ?? null;
  }

  /**
   * Records one point of the job's curve, replacing an earlier report of the same step, so a
   * retried report changes nothing. A new step beyond `maxSteps` points is refused ('full'); the
   * count is read in the same statement, so two racing reports may pass it by one, no more.
   * Null for an unknown job.
   */
  async recordStep(jobId: string, point: MetricStepRow, maxSteps: number): Promise<'recorded' | 'full' | null> {
    const { rows } = await this.pool.query<{ found: boolean; recorded: boolean }>(
      `WITH job AS (SELECT id FROM ${this.t.jobs} WHERE id = $1),
       ins AS (
         INSERT INTO ${this.t.job_metric_steps} (job_id, step, metrics)
         SELECT id, $2, $3 FROM job
         WHERE EXISTS (SELECT 1 FROM ${this.t.job_metric_steps} WHERE job_id = $1 AND step = $2)
            OR (SELECT count(*) FROM ${this.t.job_metric_steps} WHERE job_id = $1) < $4
         ON CONFLICT (job_id, step) DO UPDATE SET metrics = excluded.metrics, reported_at = now()
         RETURNING 1)
       SELECT EXISTS (SELECT 1 FROM job) AS found, EXISTS (SELECT 1 FROM ins) AS recorded`,
      [jobId, point.step, JSON.stringify(point.metrics), maxSteps],
    );
    const { found, recorded } = rows[0]!;
    return !found ? null : recorded ? 'recorded' : 'full';
  }

  /** `metrics` is null until the job reports; `steps` in step order; null for an unknown job. */
  async get(jobId: string): Promise<{ metrics: Record<string, number> | null; steps: MetricStepRow[] } | null> {
    const { rows } = await this.pool.query<{ metrics: Record<string, number> | null }>(`SELECT metrics FROM ${this.t.jobs} WHERE id = $1`, [jobId]);
    if (!rows[0]) return null;
    const steps = await this.pool.query<MetricStepRow>(`SELECT step, metrics FROM ${this.t.job_metric_steps} WHERE job_id = $1 ORDER BY step`, [jobId]);
    return { metrics: rows[0].metrics, steps: steps.rows };
  }

  /**
   * One metric's curve for each of a sweep's trials that reported it, in step order: what the
   * dashboard draws and what median stopping compares.
   */
  async sweepCurves(sweepId: string, metric: string): Promise<Array<{ jobId: string; trial: number; points: Array<{ step: number; value: number }> }>> {
    const { rows } = await this.pool.query<{ job_id: string; trial: number; points: Array<{ step: number; value: number }> }>(
      `SELECT s.job_id, j.sweep_trial AS trial,
              json_agg(json_build_object('step', s.step, 'value', (s.metrics ->> $2)::float8) ORDER BY s.step) AS points
         FROM ${this.t.job_metric_steps} s JOIN ${this.t.jobs} j ON j.id = s.job_id
        WHERE j.sweep_id = $1 AND jsonb_typeof(s.metrics -> $2) = 'number'
        GROUP BY s.job_id, j.sweep_trial
        ORDER BY j.sweep_trial`,
      [sweepId, metric],
    );
    return rows.map((r) => ({ jobId: r.job_id, trial: r.trial, points: r.points }));
  }
}
