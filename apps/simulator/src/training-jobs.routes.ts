import { resourceProblem, TRAIN_SPECS } from './account-catalog';
import type { SimCall } from './call-log';
import type { FaultInjector } from './faults';
import { toVersionDetail } from './job-views';
import { listJobs, parseListQuery } from './list-query';
import { errorReply, jsonReply, type Reply } from './reply';
import { INVALID_JSON } from './request-body';
import type { Route } from './route-table';
import type { JobStore, StoredJob, StoredVersion } from './state';
import { modelartsError } from './wire-error';

export interface TrainingJobsContext {
  store: JobStore;
  faults: FaultInjector;
  now: number;
  /** Annotated with job_id / job_name as they become known. */
  call: SimCall;
}

// OTC user guide: "by default up to 10,000 training jobs can be created" (reference §6.3).
const DEFAULT_QUOTA = 10_000;

/** The ModelArts v1 training-job operations, after auth, throttling and injected errors have passed. */
export function handleTrainingJobs(route: Route, body: unknown, query: URLSearchParams, ctx: TrainingJobsContext): Reply {
  if (route.op === 'create') return create(body, ctx);
  if (route.op === 'list') return list(query, ctx);
  const job = ctx.store.get(route.jobId ?? NaN);
  const version = job && (route.versionId === undefined ? undefined : job.versions.find((v) => v.version_id === route.versionId));
  if (!job || (route.versionId !== undefined && !version)) return notFound(route);
  ctx.call.job_name = job.job_name;
  switch (route.op) {
    case 'detail':
      return ok(toVersionDetail(job, version!, ctx.now));
    case 'versions':
      return versions(job, query, ctx);
    case 'create_version':
      return createVersion(job, body, ctx);
    case 'stop':
      return stop(version!, ctx);
    case 'delete':
      ctx.store.delete(job);
      return ok({});
    default:
      return notFound(route);
  }
}

function create(body: unknown, ctx: TrainingJobsContext): Reply {
  const problem = createProblem(body);
  if (problem) return invalid(problem);
  const request = body as Record<string, unknown>;
  const name = request.job_name as string;
  if (ctx.store.hasName(name)) return errorReply(modelartsError(400, 'ModelArts.0103', `Job name:${name} is existed`));
  const refused = refusal(request.config as Record<string, unknown>, ctx);
  if (refused) return refused;
  const job = ctx.store.create(request, ctx.now, ctx.faults.outcomeFor(name));
  ctx.call.job_id = job.job_id;
  if (ctx.faults.dropAfterCreate()) return { kind: 'drop' };
  const [first] = job.versions;
  return ok({
    job_id: job.job_id,
    job_name: job.job_name,
    status: 1,
    create_time: first!.create_time,
    version_id: first!.version_id,
    version_name: first!.version_name,
    resource_id: first!.resource_id,
  });
}

/**
 * §2.5: a new version from `config.pre_version_id`, which must be a version of this job. The table
 * marks `pre_version_id`, `train_url` and `model_id` mandatory; the version's outcome follows the
 * same name patterns as the job's first one.
 */
function createVersion(job: StoredJob, body: unknown, ctx: TrainingJobsContext): Reply {
  const problem = versionProblem(body);
  if (problem) return invalid(problem);
  const request = body as { job_desc?: string; config: Record<string, unknown> };
  const preVersionId = Number(request.config.pre_version_id);
  if (!job.versions.some((v) => v.version_id === preVersionId)) return invalid(`pre_version_id ${preVersionId} is not a version of job ${job.job_id}`);
  const refused = refusal(request.config, ctx);
  if (refused) return refused;
  const version = ctx.store.addVersion(
    job,
    { config: request.config, preVersionId, jobDesc: request.job_desc ?? job.job_desc },
    ctx.now,
    ctx.faults.outcomeFor(job.job_name),
  );
  ctx.call.job_id = job.job_id;
  if (ctx.faults.dropAfterCreate()) return { kind: 'drop' };
  return ok({
    job_id: job.job_id,
    job_name: job.job_name,
    status: 1,
    create_time: version.create_time,
    version_id: version.version_id,
    version_name: version.version_name,
  });
}

/** What ModelArts refuses after the shape is right: flavor, engine, worker count, then the quota. */
function refusal(config: Record<string, unknown>, ctx: TrainingJobsContext): Reply | undefined {
  const resources = resourceProblem(config);
  if (resources) return errorReply(modelartsError(400, resources.code, resources.message));
  const quota = ctx.faults.maxActiveJobs;
  if (quota !== Infinity && ctx.store.activeCount(ctx.now) >= quota) {
    return errorReply(modelartsError(400, 'ModelArts.0118', `QuotaInsufficient: the expected training jobs exceed the quota of ${quota}`));
  }
  return undefined;
}

/** Only the minimal shape of reference §2.1; deeper config checks are the client's business. */
function createProblem(body: unknown): string | undefined {
  const common = bodyProblem(body);
  if (common) return common;
  const { job_name: name, workspace_id: workspace } = body as Record<string, unknown>;
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) return 'job_name must be 1-64 letters, digits, _ or -';
  if (workspace !== undefined && typeof workspace !== 'string') return 'workspace_id must be a string';
  return undefined;
}

function versionProblem(body: unknown): string | undefined {
  const common = bodyProblem(body);
  if (common) return common;
  const config = (body as { config: Record<string, unknown> }).config;
  if (!isLong(config.pre_version_id)) return 'config.pre_version_id is mandatory (the version to derive from)';
  if (typeof config.train_url !== 'string' || config.train_url === '') return 'config.train_url is mandatory';
  if (!isLong(config.model_id)) return 'config.model_id is mandatory';
  return undefined;
}

function bodyProblem(body: unknown): string | undefined {
  if (body === INVALID_JSON) return 'the body is not valid JSON';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object';
  const { job_desc: desc, config } = body as Record<string, unknown>;
  if (desc !== undefined && (typeof desc !== 'string' || desc.length > 256)) return 'job_desc must be a string of at most 256 characters';
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return 'config must be an object';
  const workers = (config as Record<string, unknown>).worker_server_num;
  if (!Number.isInteger(workers) || (workers as number) < 1) return 'config.worker_server_num must be an integer >= 1';
  return undefined;
}

/** IDs are Long: a JSON integer or a numeric string. */
function isLong(value: unknown): boolean {
  return (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && /^\d{1,18}$/.test(value));
}

function list(query: URLSearchParams, ctx: TrainingJobsContext): Reply {
  const parsed = parseListQuery(query);
  if (!parsed.ok) return errorReply(parsed.error);
  const { total, items } = listJobs(ctx.store.live(), parsed.query, ctx.now);
  const quotas = ctx.faults.maxActiveJobs === Infinity ? DEFAULT_QUOTA : ctx.faults.maxActiveJobs;
  const jobCountLimit = Math.max(0, quotas - ctx.store.activeCount(ctx.now));
  return ok({ job_total_count: total, job_count_limit: jobCountLimit, quotas, jobs: items });
}

/** §2.4: newest first; `page` 0 (the default) means no paging, `page` ≥ 1 pages by `per_page` (default 10). */
function versions(job: StoredJob, query: URLSearchParams, ctx: TrainingJobsContext): Reply {
  const perPage = intParam(query, 'per_page', 10, 1, 1000);
  const page = intParam(query, 'page', 0, 0, 65_535);
  if (Number.isNaN(perPage) || Number.isNaN(page)) return invalid('per_page must be in [1, 1000] and page in [0, 65535]');
  const newest = [...job.versions].reverse();
  const shown = page === 0 ? newest : newest.slice((page - 1) * perPage, page * perPage);
  return ok({
    job_id: job.job_id,
    job_name: job.job_name,
    job_desc: job.job_desc,
    version_count: job.versions.length,
    versions: shown.map((v) => ({ ...toVersionDetail(job, v, ctx.now), gpu: usesGpu(v) })),
  });
}

function usesGpu(version: StoredVersion): boolean {
  return TRAIN_SPECS.some((s) => String(s.spec_id) === String(version.config.spec_id) && s.gpu_num > 0);
}

function stop(version: StoredVersion, ctx: TrainingJobsContext): Reply {
  if (ctx.store.stop(version, ctx.now) === 'terminal') {
    return errorReply(modelartsError(409, 'ModelArts.2796', 'NotAllowedToTerminate: the job status does not allow it to be stopped'));
  }
  return ok({});
}

function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  return value >= min && value <= max ? value : NaN;
}

function invalid(problem: string): Reply {
  return errorReply(modelartsError(400, 'ModelArts.0101', `Invalid argument: ${problem}`));
}

function notFound(route: Route): Reply {
  return errorReply(modelartsError(404, 'ModelArts.2775', `TrainingJobNotFound: Training job (ID: ${route.jobId}) not found`));
}

function ok(fields: Record<string, unknown>): Reply {
  return jsonReply(200, { is_success: true, ...fields });
}
