import type { CreateAttemptRecord, DeliveryRecord, JobEventRecord, JobRecord, JobVersionRecord, SweepDetail, SweepRecord } from '@jobgate/contracts';
import { toCreateAttemptRecord, toJobEventRecord, type ListJobsFilter, type ListSweepsFilter, type Store } from '@jobgate/store';

export type { ListJobsFilter, ListSweepsFilter };

/** What the API reads: records as the wire shows them. Reads change nothing, so they need no intent. */
export class ReadModel {
  constructor(private readonly store: Store) {}

  job(id: string): Promise<JobRecord | null> {
    return this.store.jobs.get(id);
  }

  jobs(filter: ListJobsFilter): Promise<{ items: JobRecord[]; next_cursor: string | null }> {
    return this.store.jobs.list(filter);
  }

  /** Every status change, oldest first (the timeline). */
  async jobEvents(id: string): Promise<JobEventRecord[]> {
    return (await this.store.jobs.events(id)).map(toJobEventRecord);
  }

  /** The versions of the job's ModelArts job that jobgate created (the job and its reruns), oldest first. */
  jobVersions(id: string): Promise<JobVersionRecord[]> {
    return this.store.jobs.versions(id);
  }

  async jobAttempts(id: string): Promise<CreateAttemptRecord[]> {
    return (await this.store.submissions.attempts(id)).map(toCreateAttemptRecord);
  }

  deliveries(jobId: string): Promise<DeliveryRecord[]> {
    return this.store.events.listForJob(jobId);
  }

  jobMetrics(jobId: string): Promise<{ metrics: Record<string, number> | null } | null> {
    return this.store.metrics.get(jobId);
  }

  sweep(id: string): Promise<SweepDetail | null> {
    return this.store.sweeps.get(id);
  }

  sweeps(filter: ListSweepsFilter): Promise<{ items: SweepRecord[]; next_cursor: string | null }> {
    return this.store.sweeps.list(filter);
  }

  activeCount(): Promise<number> {
    return this.store.submissions.activeCount();
  }
}
