/** The client operations, as reported to `onCall`. */
export type ModelArtsOp = 'create' | 'list' | 'detail' | 'stop' | 'delete' | 'versions';

/** One HTTP exchange with ModelArts, for metrics. */
export interface ModelArtsCallEvent {
  op: ModelArtsOp;
  /** HTTP status, or null when no answer arrived. */
  status: number | null;
  durationMs: number;
  outcome: 'ok' | 'error' | 'throttled' | 'network';
  /** The error's `errorCode` when the outcome is not `ok`. */
  errorCode?: string;
}

export interface CreatedJob {
  jobId: string;
  jobName: string;
  versionId: string;
  versionName: string | null;
  resourceId: string | null;
  status: number;
  /** Epoch milliseconds. */
  createTime: number;
}

export type JobSortBy = 'job_name' | 'job_desc' | 'status' | 'duration' | 'version_count' | 'create_time';

/** Filters and paging of the list call; unset fields take the ModelArts defaults. */
export interface ListTrainingJobsQuery {
  /** One status code (§3). */
  status?: number;
  /** 1–1000; ModelArts default 10. */
  perPage?: number;
  /** 1–65535; ModelArts default 1. */
  page?: number;
  /** ModelArts default `job_name`. */
  sortBy?: JobSortBy;
  /** ModelArts default `asc`. */
  order?: 'asc' | 'desc';
  /** Substring of the job name, 0–64 characters. */
  searchContent?: string;
  /** ModelArts default `"0"`. */
  workspaceId?: string;
}

export interface JobSummary {
  jobId: string;
  jobName: string;
  /** The job's current (latest) version. */
  versionId: string;
  status: number;
  /** Epoch milliseconds. */
  createTime: number;
  /** Milliseconds. */
  duration: number | null;
  jobDesc: string | null;
  versionCount: number | null;
}

export interface JobList {
  /** `job_total_count`: jobs matching the query, for paging. */
  total: number;
  /** `quotas` (read as the cap on running jobs; the EN and CN docs disagree). */
  quotas: number | null;
  /** `job_count_limit` (read as how many more jobs may be created). */
  jobCountLimit: number | null;
  /** The readable rows. */
  jobs: JobSummary[];
  /** Rows that could not be read (a field missing or of the wrong type); the rest of the page stands. */
  skipped: SkippedListRow[];
}

/** A `jobs[]` row of a list answer that could not be read, with what could be told of it. */
export interface SkippedListRow {
  /** Position in the page. */
  index: number;
  jobId: string | null;
  jobName: string | null;
  reason: string;
}

export interface VersionDetail {
  jobId: string;
  jobName: string;
  jobDesc: string | null;
  versionId: string;
  versionName: string | null;
  status: number;
  /** Epoch milliseconds. */
  createTime: number;
  /** Epoch milliseconds; null until training starts. */
  startTime: number | null;
  /** Milliseconds. */
  duration: number | null;
  resourceId: string | null;
  /** The whole body as received (Long IDs of 16+ digits arrive as strings). */
  raw: Record<string, unknown>;
}

export interface ListVersionsQuery {
  /** 1–1000; ModelArts default 10. */
  perPage?: number;
  /** ModelArts default 0: no paging, every version. */
  page?: number;
}

export interface VersionList {
  jobId: string;
  jobName: string;
  versionCount: number;
  versions: VersionDetail[];
}
