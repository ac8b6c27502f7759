import { createHash } from 'node:crypto';
import type { JobOutcome } from './faults';
import { DEFAULT_WORKSPACE } from './default-workspace';
import { historyAt, initialPlan, isTerminal, rewritePlan, statusAt, type StatusChange, type Timeline } from './timeline';

/** One version as tests see it through `jobs()` and `GET /__sim/jobs`. */
export interface SimVersion {
  version_id: number;
  version_name: string;
  /** 0 for a job's first version. */
  pre_version_id: number;
  status: number;
  status_history: StatusChange[];
  create_time: number;
  /** The version's `config` exactly as received (create or create-version). */
  config: Record<string, unknown>;
  stopped: boolean;
}

/**
 * A job as tests see it through `jobs()` and `GET /__sim/jobs`. The top-level version fields
 * describe its latest version, as the list call does (reference §7); `versions` has every one.
 */
export interface SimJob {
  job_id: number;
  version_id: number;
  job_name: string;
  status: number;
  status_history: StatusChange[];
  create_time: number;
  /** The create request body exactly as received. */
  body: Record<string, unknown>;
  stopped: boolean;
  deleted: boolean;
  versions: SimVersion[];
}

/** One version; its statuses live in `plan` and are read at a given time. */
export interface StoredVersion {
  version_id: number;
  version_name: string;
  pre_version_id: number;
  create_time: number;
  resource_id: string;
  job_desc: string;
  config: Record<string, unknown>;
  plan: StatusChange[];
  stopped: boolean;
  /** ModelArts has cleared its logs (ModelArts.2819 LogFileHasCleared). */
  logs_cleared: boolean;
}

/** What the store keeps of a job: its identity and its versions, oldest first. */
export interface StoredJob {
  job_id: number;
  job_name: string;
  job_desc: string;
  workspace_id: string;
  /** When the job (its first version) was created; the list call shows and sorts by this. */
  create_time: number;
  body: Record<string, unknown>;
  versions: StoredVersion[];
  deleted: boolean;
}

/**
 * Told when a version is created (a job's first one, or a create-version call) and when its planned
 * run is cut short (stop, pin, delete of its job). Each version runs with its own config.
 */
export interface JobHooks {
  created?(version: StoredVersion): void;
  stopped?(version: StoredVersion): void;
}

// Arbitrary but recognisable: job and version ids never collide, so a mix-up shows in tests.
const FIRST_JOB_ID = 10000;
const FIRST_VERSION_ID = 20000;

/** All jobs, deleted ones included (for tests), with a name index that a delete frees. */
export class JobStore {
  private jobs = new Map<number, StoredJob>();
  private byName = new Map<string, StoredJob>();
  private nextJobId = FIRST_JOB_ID;
  private nextVersionId = FIRST_VERSION_ID;

  constructor(
    private readonly timeline: Timeline,
    private readonly hooks: JobHooks = {},
  ) {}

  hasName(name: string): boolean {
    return this.byName.has(name);
  }

  create(body: Record<string, unknown>, now: number, outcome: JobOutcome): StoredJob {
    const jobId = this.nextJobId++;
    const job: StoredJob = {
      job_id: jobId,
      job_name: String(body.job_name),
      job_desc: typeof body.job_desc === 'string' ? body.job_desc : '',
      workspace_id: typeof body.workspace_id === 'string' && body.workspace_id !== '' ? body.workspace_id : DEFAULT_WORKSPACE,
      create_time: now,
      body,
      versions: [],
      deleted: false,
    };
    this.addVersion(job, { config: body.config as Record<string, unknown>, preVersionId: 0, jobDesc: job.job_desc }, now, outcome);
    this.jobs.set(jobId, job);
    this.byName.set(job.job_name, job);
    this.hooks.created?.(job.versions[0]!);
    return job;
  }

  /** A new version of `job` (reference §2.5), numbered V0002, V0003, … after the job's last one. */
  addVersion(
    job: StoredJob,
    input: { config: Record<string, unknown>; preVersionId: number; jobDesc: string },
    now: number,
    outcome: JobOutcome,
  ): StoredVersion {
    const versionId = this.nextVersionId++;
    const version: StoredVersion = {
      version_id: versionId,
      version_name: `V${String(job.versions.length + 1).padStart(4, '0')}`,
      pre_version_id: input.preVersionId,
      create_time: now,
      resource_id: `job${createHash('sha256').update(`${job.job_id}/${versionId}`).digest('hex').slice(0, 8)}`,
      job_desc: input.jobDesc,
      config: input.config,
      plan: initialPlan(now, this.timeline, outcome),
      stopped: false,
      logs_cleared: false,
    };
    job.versions.push(version);
    // A job's first version is announced by create(), once the job is indexed.
    if (job.versions.length > 1) this.hooks.created?.(version);
    return version;
  }

  /** A job that has not been deleted. */
  get(jobId: number): StoredJob | undefined {
    const job = this.jobs.get(jobId);
    return job && !job.deleted ? job : undefined;
  }

  *live(): IterableIterator<StoredJob> {
    for (const job of this.jobs.values()) if (!job.deleted) yield job;
  }

  /** KILLING now, KILLED after `killMs`; a version that already ended cannot be stopped. */
  stop(version: StoredVersion, now: number): 'stopping' | 'terminal' {
    const status = statusAt(version.plan, now);
    if (isTerminal(status)) return 'terminal';
    version.stopped = true;
    this.hooks.stopped?.(version);
    const killed = { status: 12, at: now + this.timeline.killMs };
    // Already KILLING (e.g. killNamePattern): keep its KILLED time unless it was pinned there for good.
    if (status !== 9) version.plan = rewritePlan(version.plan, now, [{ status: 9, at: now }, killed]);
    else if (!version.plan.some((c) => c.at > now)) version.plan = rewritePlan(version.plan, now, [killed]);
    return 'stopping';
  }

  delete(job: StoredJob): void {
    job.deleted = true;
    this.byName.delete(job.job_name);
    for (const version of job.versions) this.hooks.stopped?.(version);
  }

  /** Forces a status on a version (default the job's latest) from `now` on; it stays there until stopped or pinned again. */
  pin(jobId: number, status: number, now: number, versionId?: number): StoredJob | undefined {
    const job = this.jobs.get(jobId);
    const version = job && (versionId === undefined ? latestVersion(job) : job.versions.find((v) => v.version_id === versionId));
    if (!job || !version) return undefined;
    this.hooks.stopped?.(version); // a pinned version no longer follows its planned run
    const next = statusAt(version.plan, now) === status ? [] : [{ status, at: now }];
    version.plan = rewritePlan(version.plan, now, next);
    return job;
  }

  /** Marks a version's logs cleared, as ModelArts does after its retention period (ModelArts.2819). */
  clearLogs(jobId: number, versionId: number): boolean {
    const version = this.jobs.get(jobId)?.versions.find((v) => v.version_id === versionId);
    if (version) version.logs_cleared = true;
    return Boolean(version);
  }

  /** Versions of live jobs not in a terminal status: what the account quota counts. */
  activeCount(now: number): number {
    let count = 0;
    for (const job of this.live()) for (const version of job.versions) if (!isTerminal(statusAt(version.plan, now))) count++;
    return count;
  }

  /** Every job ever created since the last clear, deleted ones included, in creation order. */
  snapshot(now: number): SimJob[] {
    return [...this.jobs.values()].map((job) => toSimJob(job, now));
  }

  /** One job as tests see it, deleted or not. */
  describe(jobId: number, now: number): SimJob | undefined {
    const job = this.jobs.get(jobId);
    return job && toSimJob(job, now);
  }

  clear(): void {
    this.jobs.clear();
    this.byName.clear();
    this.nextJobId = FIRST_JOB_ID;
    this.nextVersionId = FIRST_VERSION_ID;
  }
}

/** A job always has at least one version: create makes the first. */
export function latestVersion(job: StoredJob): StoredVersion {
  return job.versions[job.versions.length - 1]!;
}

function toSimJob(job: StoredJob, now: number): SimJob {
  const versions = job.versions.map((v) => toSimVersion(v, now));
  const latest = versions[versions.length - 1]!;
  return {
    job_id: job.job_id,
    version_id: latest.version_id,
    job_name: job.job_name,
    status: latest.status,
    status_history: latest.status_history,
    create_time: job.create_time,
    body: job.body,
    stopped: latest.stopped,
    deleted: job.deleted,
    versions,
  };
}

function toSimVersion(version: StoredVersion, now: number): SimVersion {
  return {
    version_id: version.version_id,
    version_name: version.version_name,
    pre_version_id: version.pre_version_id,
    status: statusAt(version.plan, now),
    status_history: historyAt(version.plan, now),
    create_time: version.create_time,
    config: version.config,
    stopped: version.stopped,
  };
}
