import type { Pool } from 'pg';
import { transitionWithEvents } from './event-transition';
import type { JobRow } from './job-row';
import { JobRepository, NOW, NOW_IF_UNSET } from './job.repository';
import type { WebhookEventRepository } from './webhook-event.repository';

/**
 * `canceled`: was queued/pending, ended here (never reaches ModelArts). `flagged`: being submitted,
 * stopped right after the create. `stopping`: now `canceling`, a stop call must be sent.
 * `already`: canceling before this request. `terminal`: too late.
 */
export type CancelResult =
  | { kind: 'not_found' }
  | { kind: 'terminal' | 'already' | 'flagged' | 'stopping'; row: JobRow }
  | { kind: 'canceled'; row: JobRow; eventIds: string[] };

// Each retry follows a concurrent status change; a job has only a handful of statuses to pass through.
const MAX_RACES = 8;

/** Cancellation as state changes. Every step is conditional on the status just read, so a race retries. */
export class CancelRepository {
  private readonly jobs: JobRepository;

  constructor(private readonly pool: Pool, private readonly events: WebhookEventRepository) {
    this.jobs = new JobRepository(pool);
  }

  async requestCancel(id: string, reason = 'cancel requested'): Promise<CancelResult> {
    for (let race = 0; race < MAX_RACES; race++) {
      const row = await this.jobs.getRow(id);
      if (!row) return { kind: 'not_found' };
      const result = await this.step(row, reason);
      if (result) return result;
    }
    throw new Error(`job ${id} kept changing status while it was being canceled`);
  }

  /** After the create: a job whose cancel arrived while it was `submitting` goes to `canceling`. */
  async stopIfRequested(row: JobRow): Promise<JobRow | null> {
    if (row.status !== 'submitted' || !row.cancel_requested_at) return null;
    return this.jobs.transition(row.id, { from: ['submitted'], to: 'canceling', reason: 'cancel requested during submission' });
  }

  private async step(row: JobRow, reason: string): Promise<CancelResult | null> {
    const deps = { pool: this.pool, jobs: this.jobs, events: this.events };
    switch (row.status) {
      case 'succeeded': case 'failed': case 'canceled':
        return { kind: 'terminal', row };
      case 'canceling':
        return { kind: 'already', row };
      case 'pending': case 'queued': {
        const done = await transitionWithEvents(deps, row, { from: [row.status], to: 'canceled', reason, patch: { cancel_requested_at: NOW_IF_UNSET, finished_at: NOW } });
        return done && { kind: 'canceled', ...done };
      }
      case 'submitting': {
        const flagged = await this.jobs.transition(row.id, { from: ['submitting'], to: 'submitting', reason, logSameStatus: true, patch: { cancel_requested_at: NOW_IF_UNSET } });
        return flagged && { kind: 'flagged', row: flagged };
      }
      case 'submitted': case 'running': {
        const stopping = await this.jobs.transition(row.id, { from: [row.status], to: 'canceling', reason, patch: { cancel_requested_at: NOW_IF_UNSET } });
        return stopping && { kind: 'stopping', row: stopping };
      }
    }
  }
}
