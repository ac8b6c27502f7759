import type { Pool } from 'pg';
import { POLLED_STATUSES } from '@jobgate/contracts';
import { transitionWithEvents, type EventTransitionResult } from './event-transition';
import type { JobRow } from './job-row';
import { JobRepository, type TransitionChange } from './job.repository';
import type { WebhookEventRepository } from './webhook-event.repository';

/** Error code of a job left unstarted with an undocumented ModelArts status past PENDING_TIMEOUT_MS (its ModelArts job is then stopped). */
export const PENDING_TIMEOUT_ERROR = 'jobgate.pending_timeout';

/** The poller's side of the store: the jobs to follow and the changes it saw. */
export class PollRepository {
  private readonly jobs: JobRepository;

  constructor(private readonly pool: Pool, private readonly events: WebhookEventRepository) {
    this.jobs = new JobRepository(pool);
  }

  /** Jobs that exist in ModelArts and have not ended, oldest ModelArts create time first. */
  async activeJobs(): Promise<JobRow[]> {
    const { rows } = await this.pool.query<JobRow>(
      `SELECT * FROM jobs WHERE status = ANY($1::text[]) AND modelarts_job_id IS NOT NULL
       ORDER BY modelarts_create_time NULLS FIRST, id`,
      [POLLED_STATUSES],
    );
    return rows;
  }

  /** Applies one observed change (conditional on the status `before` had) with its webhook events. */
  async apply(before: JobRow, change: TransitionChange): Promise<EventTransitionResult | null> {
    return transitionWithEvents({ pool: this.pool, jobs: this.jobs, events: this.events }, before, change);
  }
}
