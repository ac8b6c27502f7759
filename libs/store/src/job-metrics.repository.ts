import type { Queryable } from './with-transaction';

/** Final metrics a job's training code reports (`POST /v1/jobs/{id}/metrics`); a sweep ranks its trials by them. */
export class JobMetricsRepository {
  constructor(private readonly pool: Queryable) {}

  /**
   * Replaces the job's metrics with `metrics`, whatever the job's status: training code reports just
   * before it exits, often before the poller has seen the job end. Reporting the same body again
   * changes nothing. Returns null for an unknown job.
   */
  async set(jobId: string, metrics: Record<string, number>): Promise<Record<string, number> | null> {
    const { rows } = await this.pool.query<{ metrics: Record<string, number> }>(
      'UPDATE jobs SET metrics = $2, updated_at = now() WHERE id = $1 RETURNING metrics',
      [jobId, JSON.stringify(metrics)],
    );
    return rows[0]?.metrics ?? null;
  }

  /** `metrics` is null until the job reports; the whole result is null for an unknown job. */
  async get(jobId: string): Promise<{ metrics: Record<string, number> | null } | null> {
    const { rows } = await this.pool.query<{ metrics: Record<string, number> | null }>('SELECT metrics FROM jobs WHERE id = $1', [jobId]);
    return rows[0] ?? null;
  }
}
