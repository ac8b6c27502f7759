import type { CreateAttemptRecord, DeliveryRecord, JobEventRecord, JobRecord, JobVersionRecord, SweepDetail, SweepRecord } from '@jobgate/contracts';
import { toCreateAttemptRecord, toJobEventRecord, type ListJobsFilter, type ListSweepsFilter, type Store } from '@jobgate/store';
import { confinedTo, type Caller } from './caller';

export type { ListJobsFilter, ListSweepsFilter };

/**
 * What the API reads: records as the wire shows them. Reads change nothing, so they need no intent;
 * each is confined to the caller's team (another team's id reads as unknown).
 */
export class ReadModel {
  constructor(private readonly store: Store) {}

  job(id: string, caller: Caller): Promise<JobRecord | null> {
    return this.store.jobs.get(id, confinedTo(caller));
  }

  /** A team sees its own jobs; an operator sees all, or one team's with `filter.teamId`. */
  jobs(filter: ListJobsFilter, caller: Caller): Promise<{ items: JobRecord[]; next_cursor: string | null }> {
    return this.store.jobs.list({ ...filter, teamId: confinedTo(caller) ?? filter.teamId });
  }

  /** Every status change, oldest first (the timeline). */
  async jobEvents(id: string): Promise<JobEventRecord[]> {
    return (await this.store.jobs.events(id)).map(toJobEventRecord);
  }

  /** The versions of the job's ModelArts job that jobgate created (the job and its reruns), oldest first; a team sees its own. */
  jobVersions(id: string, caller: Caller): Promise<JobVersionRecord[]> {
    return this.store.jobs.versions(id, confinedTo(caller));
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

  sweep(id: string, caller: Caller): Promise<SweepDetail | null> {
    return this.store.sweeps.get(id, confinedTo(caller));
  }

  sweeps(filter: ListSweepsFilter, caller: Caller): Promise<{ items: SweepRecord[]; next_cursor: string | null }> {
    return this.store.sweeps.list({ ...filter, teamId: confinedTo(caller) ?? filter.teamId });
  }

  activeCount(): Promise<number> {
    return this.store.submissions.activeCount();
  }
}
