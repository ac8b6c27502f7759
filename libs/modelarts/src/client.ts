import { performance } from 'node:perf_hooks';
import type { TrainingJobBody } from '@jobgate/contracts/records';
import { JobgateError } from '@jobgate/errors';
import { AuthError } from './auth-error';
import type { AuthProvider, Clock, SignableRequest } from './auth/auth-provider';
import { readEnvelope } from './envelope';
import { sendRequest } from './http-transport';
import { ModelArtsError } from './modelarts-error';
import { releasePermit, type GatePermit, type RequestGate } from './request-gate';
import { readAiEngines, readCreatedJob, readJobList, readLogChunk, readLogFiles, readResourceSpecs, readVersionDetail, readVersionList } from './responses';
import { encodeRfc3986 } from './rfc3986';
import { ThrottledError } from './throttled-error';
import type {
  AiEngine,
  CreatedJob,
  CreateVersionBody,
  JobList,
  JobSummary,
  ListTrainingJobsQuery,
  ListVersionsQuery,
  LogChunk,
  LogFiles,
  ModelArtsCallEvent,
  ModelArtsOp,
  ReadLogQuery,
  ResourceSpec,
  ResourceSpecQuery,
  VersionDetail,
  VersionList,
} from './types';
import { badResponse, type WireReader } from './wire';

export interface ModelArtsClientOptions {
  /** Regional endpoint, e.g. `https://modelarts.eu-de.otc.t-systems.com` (trailing slash optional). */
  endpoint: string;
  /** The project (region) ID that every v1 path carries (§5.4). */
  projectId: string;
  /** `TokenAuth` or `AkSkAuth`. */
  auth: AuthProvider;
  /** Per HTTP request, body included. Default 30_000. */
  timeoutMs?: number;
  /** Metrics hook, called once per HTTP exchange; its exceptions are ignored. */
  onCall?: (event: ModelArtsCallEvent) => void;
  /** Epoch-ms clock, for `Retry-After` dates. Default: `Date.now`. */
  clock?: Clock;
}

/** `per_page` maximum of the list API, and its `page` cap (§2.2). */
const MAX_PER_PAGE = 1000;
const MAX_PAGE = 65_535;

/** Per-call options of `createTrainingJob` and `createVersion`. */
export interface CreateCallOptions {
  /**
   * Admits each create request actually sent (a re-send after a token refresh is admitted again),
   * once the credentials are in hand, and is told as soon as that request is answered. Default none.
   */
  gate?: RequestGate;
  /** Told when releasing a gate permit fails; the create's outcome stands either way. Default: ignored. */
  onReleaseError?: (err: unknown) => void;
}

interface CallSpec<T> {
  op: ModelArtsOp;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  read: (body: WireReader) => T;
  /** The value of a `204 No Content` answer, for calls where it means something (logs not ready); otherwise 204 reads as `{}`. */
  noContent?: () => T;
  admission?: CreateCallOptions;
}

/** §2.12: the log calls answer `204` (`ModelArts.2776` NotReadyToFetchLog) until the version writes logs. */
const NOT_READY_TO_FETCH_LOG = 'ModelArts.2776';

type Attempt<T> = { request: SignableRequest } & ({ ok: true; value: T } | { ok: false; error: ModelArtsError });

/**
 * Typed client of the ModelArts v1 training-job API. Stateless apart from what the auth provider
 * caches; every failure is a `ModelArtsError` (or `ThrottledError` / `AuthError`).
 */
export class ModelArtsClient {
  private readonly baseUrl: string;
  private readonly clock: Clock;

  constructor(private readonly options: ModelArtsClientOptions) {
    if (!URL.canParse(options.endpoint)) {
      throw new JobgateError(`ModelArts endpoint is not a URL: ${options.endpoint}`, { code: 'modelarts.invalid_options' });
    }
    this.baseUrl = `${options.endpoint.replace(/\/+$/, '')}/v1/${encodeRfc3986(options.projectId)}`;
    this.clock = options.clock ?? Date.now;
  }

  /** Asynchronous in ModelArts: the answer carries status 1 (INIT); follow it with list or detail. */
  /** The body is sent as jobgate accepted it (ModelArts takes the IDs as numbers or numeric strings). */
  createTrainingJob(body: TrainingJobBody, options: CreateCallOptions = {}): Promise<CreatedJob> {
    return this.call({ op: 'create', method: 'POST', path: '/training-jobs', body, read: readCreatedJob, admission: options });
  }

  listTrainingJobs(q: ListTrainingJobsQuery = {}): Promise<JobList> {
    const query = {
      status: q.status,
      per_page: q.perPage,
      page: q.page,
      sortBy: q.sortBy,
      order: q.order,
      search_content: q.searchContent,
      workspace_id: q.workspaceId,
    };
    return this.call({ op: 'list', method: 'GET', path: '/training-jobs', query, read: readJobList });
  }

  getVersion(jobId: string, versionId: string): Promise<VersionDetail> {
    const path = `/training-jobs/${segment('jobId', jobId)}/versions/${segment('versionId', versionId)}`;
    return this.call({ op: 'detail', method: 'GET', path, read: (r) => readVersionDetail(r) });
  }

  listVersions(jobId: string, q: ListVersionsQuery = {}): Promise<VersionList> {
    const path = `/training-jobs/${segment('jobId', jobId)}/versions`;
    const query = { per_page: q.perPage, page: q.page };
    return this.call({ op: 'versions', method: 'GET', path, query, read: readVersionList });
  }

  /**
   * Creates a new version of an existing job (§2.5), derived from `config.pre_version_id`. Like a
   * create it is asynchronous (status 1 first) and, like a create, an unanswered call may have landed:
   * the version then shows in `listVersions` with that `pre_version_id`.
   */
  createVersion(jobId: string, body: CreateVersionBody, options: CreateCallOptions = {}): Promise<CreatedJob> {
    const path = `/training-jobs/${segment('jobId', jobId)}/versions`;
    return this.call({ op: 'create_version', method: 'POST', path, body, read: readCreatedJob, admission: options });
  }

  /** The account's flavors (§2.10); `worker_server_num` is capped by each one's `max_num`. */
  listResourceSpecs(q: ResourceSpecQuery = {}): Promise<ResourceSpec[]> {
    const query = { job_type: q.jobType, engine_id: q.engineId, project_type: q.projectType };
    return this.call({ op: 'specs', method: 'GET', path: '/job/resource-specs', query, read: readResourceSpecs });
  }

  /** The account's AI engines (§2.11); engine IDs are deployment-specific. */
  listAiEngines(q: { jobType?: 'train' | 'inference' } = {}): Promise<AiEngine[]> {
    return this.call({ op: 'engines', method: 'GET', path: '/job/ai-engines', query: { job_type: q.jobType }, read: readAiEngines });
  }

  /** A version's log file names (§2.12): one per worker of a distributed job; `ready: false` before it writes any. */
  async logFileNames(jobId: string, versionId: string): Promise<LogFiles> {
    const path = `/training-jobs/${segment('jobId', jobId)}/versions/${segment('versionId', versionId)}/log/file-names`;
    return notReadyAs({ ready: false }, () =>
      this.call<LogFiles>({ op: 'log_files', method: 'GET', path, read: readLogFiles, noContent: () => ({ ready: false }) }),
    );
  }

  /** Up to 500 lines of one log file from `baseLine` (§2.12 `aom-log`); `ready: false` before the version writes logs. */
  async readLog(jobId: string, versionId: string, q: ReadLogQuery): Promise<LogChunk> {
    const path = `/training-jobs/${segment('jobId', jobId)}/versions/${segment('versionId', versionId)}/aom-log`;
    const query = { log_file: q.logFile, lines: q.lines, order: q.order, base_line: q.baseLine };
    return notReadyAs({ ready: false }, () =>
      this.call<LogChunk>({ op: 'log', method: 'GET', path, query, read: readLogChunk, noContent: () => ({ ready: false }) }),
    );
  }

  /** Asynchronous: the version moves through 9 (KILLING) to 12/13. */
  async stopVersion(jobId: string, versionId: string): Promise<void> {
    const path = `/training-jobs/${segment('jobId', jobId)}/versions/${segment('versionId', versionId)}/stop`;
    await this.call({ op: 'stop', method: 'POST', path, read: () => undefined });
  }

  /** Deletes the job with all its versions (asynchronous: it drops out of the list later). */
  async deleteJob(jobId: string): Promise<void> {
    await this.call({ op: 'delete', method: 'DELETE', path: `/training-jobs/${segment('jobId', jobId)}`, read: () => undefined });
  }

  /**
   * The job with exactly this name, or null. `search_content` matches substrings, so every page of
   * hits is scanned for the exact name. Job names are unique per project, which makes the name the
   * idempotency key of a create. The list covers one workspace (`"0"` unless `workspaceId` is given,
   * §2.2): pass the `workspace_id` the job was created with, or a job of another workspace is not found.
   */
  async findJobByName(name: string, options: { workspaceId?: string } = {}): Promise<JobSummary | null> {
    if (name.length === 0 || name.length > 64) return null; // no job can bear it; search_content is capped at 64
    for (let page = 1; page <= MAX_PAGE; page++) {
      const list = await this.listTrainingJobs({ searchContent: name, perPage: MAX_PER_PAGE, page, workspaceId: options.workspaceId });
      const match = list.jobs.find((job) => job.jobName === name);
      if (match) return match;
      const unreadable = list.skipped.find((row) => row.jobName === name);
      if (unreadable) throw badResponse({ what: 'ModelArts list response', httpStatus: 200 }, `the row of job "${name}" cannot be read: ${unreadable.reason}`);
      if (list.jobs.length + list.skipped.length === 0 || page * MAX_PER_PAGE >= list.total) return null;
    }
    return null;
  }

  /**
   * Runs one call. A refusal of our credentials is retried once after `invalidate()`, which makes a
   * token provider fetch a fresh token (the 24 h token expired or was revoked); a second refusal is
   * final. Signed requests (no `invalidate`) are not retried: the same signature would fail again.
   */
  private async call<T>(spec: CallSpec<T>): Promise<T> {
    let attempt = await this.attempt(spec);
    if (!attempt.ok && attempt.error instanceof AuthError && this.options.auth.invalidate) {
      this.options.auth.invalidate(attempt.request);
      attempt = await this.attempt(spec);
    }
    if (!attempt.ok) throw attempt.error;
    return attempt.value;
  }

  private async attempt<T>(spec: CallSpec<T>): Promise<Attempt<T>> {
    const request: SignableRequest = {
      method: spec.method,
      url: new URL(`${this.baseUrl}${spec.path}${queryString(spec.query)}`),
      headers: { 'Content-Type': 'application/json' },
      body: spec.body === undefined ? '' : JSON.stringify(spec.body),
    };
    await this.options.auth.apply(request);
    // After the credentials: a token fetch must neither count as a request nor hold a place open.
    const permit = await spec.admission?.gate?.acquire();
    const startedAt = performance.now();
    let status: number | null = null;
    try {
      const res = await sendRequest({ ...request, timeoutMs: this.options.timeoutMs ?? 30_000 });
      status = res.status;
      const value =
        res.status === 204 && spec.noContent ? spec.noContent() : spec.read(readEnvelope(res, { what: `ModelArts ${spec.op} response`, nowMs: this.clock() }));
      this.report({ op: spec.op, status, durationMs: performance.now() - startedAt, outcome: 'ok' });
      return { request, ok: true, value };
    } catch (err) {
      if (!(err instanceof ModelArtsError)) throw err;
      this.report({ op: spec.op, status, durationMs: performance.now() - startedAt, outcome: outcomeOf(err), errorCode: err.errorCode });
      return { request, ok: false, error: err };
    } finally {
      if (permit) release(permit, spec.admission?.onReleaseError);
    }
  }

  private report(event: ModelArtsCallEvent): void {
    try {
      this.options.onCall?.(event);
    } catch {
      // A metrics hook must never change a call's outcome: a create reported as failed would be retried.
    }
  }
}

/** The docs pair ModelArts.2776 with HTTP 204, which has no body; an envelope naming the code means the same. */
async function notReadyAs<T>(value: T, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ModelArtsError && err.errorCode === NOT_READY_TO_FETCH_LOG) return value;
    throw err;
  }
}

function release(permit: GatePermit, onError: ((err: unknown) => void) | undefined): void {
  releasePermit(permit, (err) => {
    try {
      onError?.(err);
    } catch {
      // A logging hook must not change the outcome either.
    }
  });
}

function outcomeOf(err: ModelArtsError): ModelArtsCallEvent['outcome'] {
  if (err instanceof ThrottledError) return 'throttled';
  return err.httpStatus === null ? 'network' : 'error';
}

/** RFC 3986 encoding (`%20`, never `+`), the form the AK/SK signature is computed over. */
function queryString(query: Record<string, string | number | undefined> = {}): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeRfc3986(key)}=${encodeRfc3986(String(value))}`);
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

/** An empty ID would silently address the collection (`DELETE .../training-jobs/`). */
function segment(name: string, value: string): string {
  if (value.trim() === '') {
    throw new JobgateError(`${name} must not be empty`, { code: 'modelarts.invalid_argument' });
  }
  return encodeRfc3986(value);
}
