import { createHash } from 'node:crypto';
import type { JobOutcome } from './faults';
import { DEFAULT_WORKSPACE } from './default-workspace';
import { historyAt, initialPlan, isTerminal, rewritePlan, statusAt, type StatusChange, type Timeline } from './timeline';

/** A job as tests see it through `jobs()` and `GET /__sim/jobs`. */
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
}

/** What the store keeps; statuses live in `plan` and are read at a given time. */
export interface StoredJob {
  job_id: number;
  version_id: number;
  job_name: string;
  job_desc: string;
  workspace_id: string;
  create_time: number;
  resource_id: string;
  body: Record<string, unknown>;
  config: Record<string, unknown>;
  plan: StatusChange[];
  stopped: boolean;
  deleted: boolean;
}

/** Told when a job is created and when its planned run is cut short (stop, pin, delete). */
export interface JobHooks {
  created?(job: StoredJob): void;
  stopped?(job: StoredJob): void;
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
      version_id: this.nextVersionId++,
      job_name: String(body.job_name),
      job_desc: typeof body.job_desc === 'string' ? body.job_desc : '',
      workspace_id: typeof body.workspace_id === 'string' && body.workspace_id !== '' ? body.workspace_id : DEFAULT_WORKSPACE,
      create_time: now,
      resource_id: `job${createHash('sha256').update(String(jobId)).digest('hex').slice(0, 8)}`,
      body,
      config: body.config as Record<string, unknown>,
      plan: initialPlan(now, this.timeline, outcome),
      stopped: false,
      deleted: false,
    };
    this.jobs.set(jobId, job);
    this.byName.set(job.job_name, job);
    this.hooks.created?.(job);
    return job;
  }

  /** A job that has not been deleted. */
  get(jobId: number): StoredJob | undefined {
    const job = this.jobs.get(jobId);
    return job && !job.deleted ? job : undefined;
  }

  *live(): IterableIterator<StoredJob> {
    for (const job of this.jobs.values()) if (!job.deleted) yield job;
  }

  /** KILLING now, KILLED after `killMs`; a job that already ended cannot be stopped. */
  stop(job: StoredJob, now: number): 'stopping' | 'terminal' {
    const status = statusAt(job.plan, now);
    if (isTerminal(status)) return 'terminal';
    job.stopped = true;
    this.hooks.stopped?.(job);
    const killed = { status: 12, at: now + this.timeline.killMs };
    // Already KILLING (e.g. killNamePattern): keep its KILLED time unless it was pinned there for good.
    if (status !== 9) job.plan = rewritePlan(job.plan, now, [{ status: 9, at: now }, killed]);
    else if (!job.plan.some((c) => c.at > now)) job.plan = rewritePlan(job.plan, now, [killed]);
    return 'stopping';
  }

  delete(job: StoredJob): void {
    job.deleted = true;
    this.byName.delete(job.job_name);
    this.hooks.stopped?.(job);
  }

  /** Forces a status from `now` on; the job stays there until stopped or pinned again. */
  pin(jobId: number, status: number, now: number): StoredJob | undefined {
    const job = this.jobs.get(jobId);
    if (!job) return undefined;
    this.hooks.stopped?.(job); // a pinned job no longer follows its planned run
    const next = statusAt(job.plan, now) === status ? [] : [{ status, at: now }];
    job.plan = rewritePlan(job.plan, now, next);
    return job;
  }

  activeCount(now: number): number {
    let count = 0;
    for (const job of this.live()) if (!isTerminal(statusAt(job.plan, now))) count++;
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

function toSimJob(job: StoredJob, now: number): SimJob {
  return {
    job_id: job.job_id,
    version_id: job.version_id,
    job_name: job.job_name,
    status: statusAt(job.plan, now),
    status_history: historyAt(job.plan, now),
    create_time: job.create_time,
    body: job.body,
    stopped: job.stopped,
    deleted: job.deleted,
  };
}
