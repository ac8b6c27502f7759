import type { TrainingJobConfig } from '@jobgate/contracts/records';

/** The client operations, as reported to `onCall`. */
export type ModelArtsOp = 'create' | 'list' | 'detail' | 'stop' | 'delete' | 'versions' | 'create_version' | 'specs' | 'engines' | 'log_files' | 'log';

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
  /** The version this one was derived from (§2.3 `pre_version_id`); null (or `0`) for a job's first version. */
  preVersionId: string | null;
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

/**
 * The body of "create a new version" (§2.5): the create body's `config` plus `pre_version_id`, the
 * version it derives from. The table marks `pre_version_id`, `train_url` and `model_id` mandatory.
 */
export interface CreateVersionBody {
  job_desc?: string;
  config: TrainingJobConfig & { pre_version_id: number | string };
}

/** One training flavor of the account (§2.10). */
export interface ResourceSpec {
  /** The value of `config.spec_id`. */
  specId: string;
  /** Flavor code, e.g. `modelarts.vm.cpu.2u`. */
  specCode: string;
  /** vCPUs. */
  core: string | null;
  /** Memory size. */
  cpu: string | null;
  gpuNum: number | null;
  gpuType: string | null;
  /** Upper bound of `worker_server_num`; null when ModelArts does not say. */
  maxNum: number | null;
  unitNum: number | null;
  storage: string | null;
  interfaceType: number | null;
  /** True while the flavor has no capacity. */
  noResource: boolean;
}

export interface ResourceSpecQuery {
  /** `train` or `inference`; jobgate asks for `train`. */
  jobType?: 'train' | 'inference';
  /** ModelArts default 0 (any engine). */
  engineId?: string;
  /** ModelArts default 0. */
  projectType?: number;
}

/** One AI engine of the account (§2.11). */
export interface AiEngine {
  /** The value of `config.engine_id`. */
  engineId: string;
  engineName: string;
  engineVersion: string | null;
  engineType: number | null;
}

/** A version's log files (§2.12); `ready: false` while ModelArts answers 204 / `ModelArts.2776` NotReadyToFetchLog. */
export type LogFiles = { ready: false } | { ready: true; files: string[] };

export interface ReadLogQuery {
  /** One of the version's log files (mandatory). */
  logFile: string;
  /** 0–500; ModelArts default 50. */
  lines?: number;
  /** `desc` reads forward from `baseLine` (the "next" lines), `asc` backward; ModelArts default `desc`. */
  order?: 'asc' | 'desc';
  /** A line number from an earlier answer; unset reads the latest lines. */
  baseLine?: number;
}

/** Lines of one log file (§2.12 `aom-log`); `ready: false` while ModelArts answers 204 / `ModelArts.2776`. */
export type LogChunk =
  | { ready: false }
  | {
      ready: true;
      /** The lines, in file order. */
      lines: string[];
      /** Line numbers of the first and last line returned; null when ModelArts leaves them out. */
      startLine: number | null;
      endLine: number | null;
    };
