import type { SimCall } from './call-log';
import type { FaultInjector } from './faults';
import { toVersionDetail } from './job-views';
import { listJobs, parseListQuery } from './list-query';
import { errorReply, jsonReply, type Reply } from './reply';
import { INVALID_JSON } from './request-body';
import type { Route } from './route-table';
import type { JobStore, StoredJob } from './state';
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
  if (!job || (route.versionId !== undefined && route.versionId !== job.version_id)) return notFound(route);
  ctx.call.job_name = job.job_name;
  switch (route.op) {
    case 'detail':
      return ok(toVersionDetail(job, ctx.now));
    case 'versions':
      return ok({
        job_id: job.job_id,
        job_name: job.job_name,
        job_desc: job.job_desc,
        version_count: 1,
        versions: [{ ...toVersionDetail(job, ctx.now), gpu: false }],
      });
    case 'stop':
      return stop(job, ctx);
    case 'delete':
      ctx.store.delete(job);
      return ok({});
    default:
      return notFound(route);
  }
}

function create(body: unknown, ctx: TrainingJobsContext): Reply {
  const problem = createProblem(body);
  if (problem) return errorReply(modelartsError(400, 'ModelArts.0101', `Invalid argument: ${problem}`));
  const request = body as Record<string, unknown>;
  const name = request.job_name as string;
  if (ctx.store.hasName(name)) return errorReply(modelartsError(400, 'ModelArts.0103', `Job name:${name} is existed`));
  const quota = ctx.faults.maxActiveJobs;
  if (quota !== Infinity && ctx.store.activeCount(ctx.now) >= quota) {
    return errorReply(modelartsError(400, 'ModelArts.0118', `QuotaInsufficient: the expected training jobs exceed the quota of ${quota}`));
  }
  const job = ctx.store.create(request, ctx.now, ctx.faults.outcomeFor(name));
  ctx.call.job_id = job.job_id;
  if (ctx.faults.dropAfterCreate()) return { kind: 'drop' };
  return ok({
    job_id: job.job_id,
    job_name: job.job_name,
    status: 1,
    create_time: job.create_time,
    version_id: job.version_id,
    version_name: 'V0001',
    resource_id: job.resource_id,
  });
}

/** Only the minimal shape of reference §2.1; deeper config checks are the client's business. */
function createProblem(body: unknown): string | undefined {
  if (body === INVALID_JSON) return 'the body is not valid JSON';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object';
  const { job_name: name, job_desc: desc, config, workspace_id: workspace } = body as Record<string, unknown>;
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) return 'job_name must be 1-64 letters, digits, _ or -';
  if (desc !== undefined && (typeof desc !== 'string' || desc.length > 256)) return 'job_desc must be a string of at most 256 characters';
  if (workspace !== undefined && typeof workspace !== 'string') return 'workspace_id must be a string';
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return 'config must be an object';
  const workers = (config as Record<string, unknown>).worker_server_num;
  if (!Number.isInteger(workers) || (workers as number) < 1) return 'config.worker_server_num must be an integer >= 1';
  return undefined;
}

function list(query: URLSearchParams, ctx: TrainingJobsContext): Reply {
  const parsed = parseListQuery(query);
  if (!parsed.ok) return errorReply(parsed.error);
  const { total, items } = listJobs(ctx.store.live(), parsed.query, ctx.now);
  const quotas = ctx.faults.maxActiveJobs === Infinity ? DEFAULT_QUOTA : ctx.faults.maxActiveJobs;
  const jobCountLimit = Math.max(0, quotas - ctx.store.activeCount(ctx.now));
  return ok({ job_total_count: total, job_count_limit: jobCountLimit, quotas, jobs: items });
}

function stop(job: StoredJob, ctx: TrainingJobsContext): Reply {
  if (ctx.store.stop(job, ctx.now) === 'terminal') {
    return errorReply(modelartsError(409, 'ModelArts.2796', 'NotAllowedToTerminate: the job status does not allow it to be stopped'));
  }
  return ok({});
}

function notFound(route: Route): Reply {
  return errorReply(modelartsError(404, 'ModelArts.2775', `TrainingJobNotFound: Training job (ID: ${route.jobId}) not found`));
}

function ok(fields: Record<string, unknown>): Reply {
  return jsonReply(200, { is_success: true, ...fields });
}
