import type { Queryable } from './with-transaction';
import type { Tables } from './tables';

/**
 * Report tokens: each job's one credential for `POST /v1/jobs/{id}/metrics`, stored as a SHA-256
 * digest (a token is 32 random bytes, so a plain digest is as strong as a slow hash here).
 */
export class ReportTokenRepository {
  constructor(
    private readonly pool: Queryable,
    private readonly t: Tables,
  ) {}

  /**
   * Gives the job a new token digest, so the old token stops working at once. False for an unknown
   * job (or, with `teamId`, another team's).
   */
  async rotate(jobId: string, digest: string, teamId?: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE ${this.t.jobs} SET report_token_hash = $2, updated_at = now() WHERE id = $1 AND ($3::uuid IS NULL OR team_id = $3)`,
      [jobId, digest, teamId ?? null],
    );
    return rowCount === 1;
  }

  /** The job a token digest reports for, with its team; null when no job holds it. */
  async holder(digest: string): Promise<{ jobId: string; teamId: string | null } | null> {
    const { rows } = await this.pool.query<{ id: string; team_id: string | null }>(`SELECT id, team_id FROM ${this.t.jobs} WHERE report_token_hash = $1`, [
      digest,
    ]);
    return rows[0] ? { jobId: rows[0].id, teamId: rows[0].team_id } : null;
  }
}
