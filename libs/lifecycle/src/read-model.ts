import {
  hideReportToken,
  type CreateAttemptRecord,
  DeliveryRecord,
  JobEventRecord,
  JobRecord,
  JobVersionRecord,
  MetricStep,
  Page,
  SweepCurves,
  SweepDetail,
  SweepRecord,
  SweepTrial,
} from '@jobgate/contracts';
import { toCreateAttemptRecord, toJobEventRecord, type ListJobsFilter, type ListSweepsFilter, type Store, type TrialPageQuery } from '@jobgate/store';
import { confinedTo, type Caller } from './caller';

export type { ListJobsFilter, ListSweepsFilter, TrialPageQuery };

/**
 * What the API reads: records as the wire shows them. Reads change nothing, so they need no intent;
 * each is confined to the caller's team (another team's id reads as unknown).
 */
export class ReadModel {
  constructor(private readonly store: Store) {}

  async job(id: string, caller: Caller): Promise<JobRecord | null> {
    const job = await this.store.jobs.get(id, confinedTo(caller));
    return job && hideReportToken(job);
  }

  /** A team sees its own jobs; an operator sees all, or one team's with `filter.teamId`. */
  async jobs(filter: ListJobsFilter, caller: Caller): Promise<{ items: JobRecord[]; next_cursor: string | null }> {
    const page = await this.store.jobs.list({ ...filter, teamId: confinedTo(caller) ?? filter.teamId });
    return { ...page, items: page.items.map(hideReportToken) };
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

  jobMetrics(jobId: string): Promise<{ metrics: Record<string, number> | null; steps: MetricStep[] } | null> {
    return this.store.metrics.get(jobId);
  }

  sweep(id: string, caller: Caller): Promise<SweepDetail | null> {
    return this.store.sweeps.get(id, confinedTo(caller));
  }

  /**
   * Every trial's learning curve of `metric` (default: the objective's), in trial order; null for an
   * unknown sweep (or another team's).
   */
  async sweepCurves(id: string, metric: string | undefined, caller: Caller): Promise<SweepCurves | null> {
    const sweep = await this.store.sweeps.get(id, confinedTo(caller));
    if (!sweep) return null;
    const chosen = metric ?? sweep.objective?.metric;
    if (!chosen) return { sweep_id: id, metric: null, curves: [] };
    const curves = await this.store.metrics.sweepCurves(id, chosen);
    return { sweep_id: id, metric: chosen, curves: curves.map((c) => ({ job_id: c.jobId, trial: c.trial, points: c.points })) };
  }

  /** A page of the sweep's trials in trial order; null for a sweep the caller cannot see. */
  sweepTrials(id: string, page: TrialPageQuery, caller: Caller): Promise<Page<SweepTrial> | null> {
    return this.store.sweeps.trials(id, page, confinedTo(caller));
  }

  sweeps(filter: ListSweepsFilter, caller: Caller): Promise<{ items: SweepRecord[]; next_cursor: string | null }> {
    return this.store.sweeps.list({ ...filter, teamId: confinedTo(caller) ?? filter.teamId });
  }

  activeCount(): Promise<number> {
    return this.store.submissions.activeCount();
  }
}
