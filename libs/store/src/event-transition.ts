import type { Pool } from 'pg';
import type { JobRow } from './job-row';
import type { JobRepository, TransitionChange } from './job.repository';
import type { WebhookEventRepository } from './webhook-event.repository';
import { withTransaction } from './with-transaction';

export interface EventTransitionResult {
  row: JobRow;
  /** Webhook events created by this change, to be enqueued once the transaction has committed. */
  eventIds: string[];
}

/**
 * A status change and the webhook events it announces, in one transaction. The event of the status
 * being left is recorded first when it is missing (its writer may not have got to it yet, e.g. the
 * worker's `job.submitted` right after the create): creation order is delivery order, so a job's
 * `job.running` can never overtake its `job.submitted`. Null when the job was not in `change.from`.
 */
export async function transitionWithEvents(
  deps: { pool: Pool; jobs: JobRepository; events: WebhookEventRepository },
  before: JobRow,
  change: TransitionChange,
): Promise<EventTransitionResult | null> {
  return withTransaction(deps.pool, async (db) => {
    const row = await deps.jobs.transition(before.id, change, db);
    if (!row) return null;
    const eventIds: string[] = [];
    if (before.status !== row.status) {
      const left = await deps.events.recordForJob(before, db);
      if (left) eventIds.push(left);
    }
    const entered = await deps.events.recordForJob(row, db);
    if (entered) eventIds.push(entered);
    return { row, eventIds };
  });
}
