/**
 * An in-memory ModelArts for poller tests: it implements the two calls the poller makes with the
 * documented paging and sorting (§2.2) and the documented not-found error (§7), and counts calls.
 * Test support only; not exported from the package.
 */
import { ModelArtsError, ThrottledError, type JobList, type ListTrainingJobsQuery, type VersionDetail } from '@jobgate/modelarts';
import type { PollClient } from '../collect-statuses';

export interface FakeJob {
  jobId: string;
  versionId: string;
  status: number;
  createTime: number;
  workspaceId?: string;
  /** Deleted in ModelArts: gone from the list and from version detail. */
  deleted?: boolean;
  /** Earlier versions of the job and their statuses: version detail only (the list shows the latest). */
  olderVersions?: Record<string, number>;
}

export class FakeModelArts implements PollClient {
  readonly jobs = new Map<string, FakeJob>();
  readonly calls: { op: 'list' | 'detail'; page?: number; jobId?: string }[] = [];
  /** What every list answer reports as the account quota (§6.3). */
  quota = { quotas: null as number | null, jobCountLimit: null as number | null };
  /** The next N calls are throttled (HTTP 429 APIG.0308) with this Retry-After. */
  throttle = { next: 0, retryAfterMs: null as number | null };

  add(job: FakeJob): FakeJob {
    this.jobs.set(job.jobId, job);
    return job;
  }

  async listTrainingJobs(q: ListTrainingJobsQuery = {}): Promise<JobList> {
    this.calls.push({ op: 'list', page: q.page });
    this.maybeThrottle();
    const perPage = q.perPage ?? 10;
    const page = q.page ?? 1;
    const rows = [...this.jobs.values()]
      .filter((j) => !j.deleted && (q.workspaceId === undefined || (j.workspaceId ?? '0') === q.workspaceId))
      .sort((a, b) => b.createTime - a.createTime || Number(b.jobId) - Number(a.jobId));
    const jobs = rows.slice((page - 1) * perPage, page * perPage).map((j) => ({
      jobId: j.jobId,
      jobName: `job-${j.jobId}`,
      versionId: j.versionId,
      status: j.status,
      createTime: j.createTime,
      duration: 0,
      jobDesc: null,
      versionCount: 1,
    }));
    return { total: rows.length, ...this.quota, jobs, skipped: [] };
  }

  async getVersion(jobId: string, versionId: string): Promise<VersionDetail> {
    this.calls.push({ op: 'detail', jobId });
    this.maybeThrottle();
    const job = this.jobs.get(jobId);
    const status = job?.versionId === versionId ? job.status : job?.olderVersions?.[versionId];
    if (!job || job.deleted || status === undefined) {
      throw new ModelArtsError({
        httpStatus: 404,
        errorCode: 'ModelArts.2775',
        errorMessage: `TrainingJobNotFound: ${jobId}`,
        retryable: false,
        outcomeUnknown: false,
      });
    }
    return {
      jobId,
      jobName: `job-${jobId}`,
      jobDesc: null,
      versionId,
      versionName: null,
      preVersionId: null,
      status,
      createTime: job.createTime,
      startTime: null,
      duration: null,
      resourceId: null,
      raw: {},
    };
  }

  private maybeThrottle(): void {
    if (this.throttle.next <= 0) return;
    this.throttle.next--;
    throw new ThrottledError({
      httpStatus: 429,
      errorCode: 'APIG.0308',
      errorMessage: 'The throttling threshold has been reached',
      retryAfterMs: this.throttle.retryAfterMs,
    });
  }
}
