import type { JobStatus } from '@jobgate/contracts';
import { toJobSnapshot, type JobSnapshot } from './job-snapshot';
import { NOW, NOW_IF_UNSET, transitionJob } from './job-transition';
import type { Queryable } from './with-transaction';
import type { Tables } from './tables';

/**
 * Cancellation as state changes; the lifecycle layer decides which applies. Each is conditional on
 * the status the caller read, so a concurrent change makes it return null and the caller re-reads.
 */
export class CancelRepository {
  constructor(
    private readonly db: Queryable,
    private readonly t: Tables,
  ) {}

  /** Ends a job that never reached ModelArts (`pending`, `queued`, or `submitting` with no create that may have landed). */
  async markCanceled(id: string, from: JobStatus, reason: string): Promise<JobSnapshot | null> {
    const row = await transitionJob(this.db, this.t, id, {
      from: [from],
      to: 'canceled',
      reason,
      patch: { cancel_requested_at: NOW_IF_UNSET, finished_at: NOW },
    });
    return row && toJobSnapshot(row);
  }

  /** Notes a cancel on a job being submitted: whoever records the create's outcome honours it. */
  async flagCancel(id: string, reason: string): Promise<JobSnapshot | null> {
    const row = await transitionJob(this.db, this.t, id, {
      from: ['submitting'],
      to: 'submitting',
      reason,
      logSameStatus: true,
      patch: { cancel_requested_at: NOW_IF_UNSET },
    });
    return row && toJobSnapshot(row);
  }

  /** A job that exists in ModelArts → `canceling`, waiting for its stop call to be confirmed. */
  async markCanceling(id: string, from: JobStatus, reason: string): Promise<JobSnapshot | null> {
    const row = await transitionJob(this.db, this.t, id, { from: [from], to: 'canceling', reason, patch: { cancel_requested_at: NOW_IF_UNSET } });
    return row && toJobSnapshot(row);
  }

  /** The stop call was accepted by ModelArts (the timeline shows it). */
  async noteStopSent(id: string, status: JobStatus): Promise<void> {
    await transitionJob(this.db, this.t, id, { from: [status], to: status, reason: 'stop sent to ModelArts', logSameStatus: true });
  }

  /**
   * Jobs whose cancel was requested and that ModelArts may still run, whatever the code it last
   * reported: reconciliation sends their stop again.
   */
  async awaitingStop(limit = 1_000): Promise<{ jobId: string; requestId: string | null }[]> {
    const { rows } = await this.db.query<{ jobId: string; requestId: string | null }>(
      `SELECT id AS "jobId", request_id AS "requestId" FROM ${this.t.jobs}
       WHERE cancel_requested_at IS NOT NULL AND status IN ('submitted', 'running', 'canceling') AND modelarts_job_id IS NOT NULL
       ORDER BY cancel_requested_at LIMIT $1`,
      [limit],
    );
    return rows;
  }
}
