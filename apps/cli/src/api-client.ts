import type {
  ApiKeyRecord,
  CatalogList,
  CreateTeamRequest,
  CreatedApiKeyRecord,
  EngineRecord,
  ItemList,
  JobBatchResult,
  JobRecord,
  JobStatus,
  JobVersionRecord,
  LogPage,
  Page,
  ResourceSpecRecord,
  SweepDetail,
  SweepRecord,
  SweepSummary,
  TeamRecord,
} from '@jobgate/contracts/records';
import { ApiProblemError, UnreachableError, toProblem } from './api-errors';
// For the deliveries, redeliver and sweeps block at the end of ApiClient.
import type { DeliveryRecord, SweepStatus } from '@jobgate/contracts/records';

export interface ApiClientOptions {
  /** jobgate's base URL, e.g. `http://127.0.0.1:8080` (a path prefix is kept). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>`; without it jobgate answers 401. */
  apiKey?: string;
  /** Time allowed for one request, answer included; default 30000. */
  timeoutMs?: number;
}

export interface ListJobsQuery {
  /** Passed on as given: jobgate names the valid statuses when it refuses one. */
  status?: JobStatus | (string & {});
  /** `key:value` filters; a job must carry all of them. */
  labels?: string[];
  sweepId?: string;
  /** A team's name (operator keys only; a team key sees its own jobs anyway). */
  team?: string;
  limit?: number;
  cursor?: string;
}

export type JobPage = Page<JobRecord>;

interface RequestInit {
  body?: unknown;
  headers?: Record<string, string>;
  resourceId?: string;
  resourceKind?: string;
}

/** A thin typed client of jobgate's HTTP API; every failure is an ApiProblemError or UnreachableError. */
export class ApiClient {
  private readonly baseUrl: string;

  constructor(private readonly options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  submitJob(body: object, options: { idempotencyKey?: string } = {}): Promise<JobRecord> {
    const headers: Record<string, string> = options.idempotencyKey === undefined ? {} : { 'Idempotency-Key': options.idempotencyKey };
    return this.request('POST', '/v1/jobs', { body, headers });
  }

  /** `POST /v1/jobs/batch`: up to 1,000 jobs, one result per item (207). */
  submitJobs(jobs: object[], options: { idempotencyKey?: string } = {}): Promise<JobBatchResult> {
    const headers: Record<string, string> = options.idempotencyKey === undefined ? {} : { 'Idempotency-Key': options.idempotencyKey };
    return this.request('POST', '/v1/jobs/batch', { body: { jobs }, headers });
  }

  getJob(id: string): Promise<JobRecord> {
    return this.request('GET', `/v1/jobs/${encodeURIComponent(id)}`, { resourceId: id });
  }

  cancelJob(id: string): Promise<JobRecord> {
    return this.request('POST', `/v1/jobs/${encodeURIComponent(id)}/cancel`, { resourceId: id });
  }

  listJobs(query: ListJobsQuery = {}): Promise<JobPage> {
    const params = new URLSearchParams();
    if (query.status !== undefined) params.set('status', query.status);
    for (const label of query.labels ?? []) params.append('label', label);
    if (query.sweepId !== undefined) params.set('sweep_id', query.sweepId);
    if (query.team !== undefined) params.set('team', query.team);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor !== undefined) params.set('cursor', query.cursor);
    const search = params.toString();
    return this.request('GET', `/v1/jobs${search ? `?${search}` : ''}`, {});
  }

  /** A new version of the job's ModelArts job; `body` is `{config?: {...changes}}`. */
  rerunJob(id: string, body: object, options: { idempotencyKey?: string } = {}): Promise<JobRecord> {
    const headers: Record<string, string> = options.idempotencyKey === undefined ? {} : { 'Idempotency-Key': options.idempotencyKey };
    return this.request('POST', `/v1/jobs/${encodeURIComponent(id)}/rerun`, { body, headers, resourceId: id });
  }

  jobVersions(id: string): Promise<ItemList<JobVersionRecord>> {
    return this.request('GET', `/v1/jobs/${encodeURIComponent(id)}/versions`, { resourceId: id });
  }

  /** Up to `lines` lines of one of the job's log files from `cursor` (a `next_cursor`). */
  readLogs(id: string, query: { file?: string; cursor?: string; lines?: number } = {}): Promise<LogPage> {
    const params = new URLSearchParams();
    if (query.file !== undefined) params.set('file', query.file);
    if (query.cursor !== undefined) params.set('cursor', query.cursor);
    if (query.lines !== undefined) params.set('lines', String(query.lines));
    const search = params.toString();
    return this.request('GET', `/v1/jobs/${encodeURIComponent(id)}/logs${search ? `?${search}` : ''}`, { resourceId: id });
  }

  listSpecs(): Promise<CatalogList<ResourceSpecRecord>> {
    return this.request('GET', '/v1/modelarts/specs', {});
  }

  listEngines(): Promise<CatalogList<EngineRecord>> {
    return this.request('GET', '/v1/modelarts/engines', {});
  }

  submitSweep(body: object): Promise<SweepRecord> {
    return this.request('POST', '/v1/sweeps', { body });
  }

  getSweep(id: string): Promise<SweepDetail> {
    return this.request('GET', `/v1/sweeps/${encodeURIComponent(id)}`, { resourceId: id });
  }

  cancelSweep(id: string): Promise<SweepSummary> {
    return this.request('POST', `/v1/sweeps/${encodeURIComponent(id)}/cancel`, { resourceId: id });
  }

  createTeam(body: CreateTeamRequest): Promise<TeamRecord> {
    return this.request('POST', '/v1/teams', { body });
  }

  listTeams(): Promise<ItemList<TeamRecord>> {
    return this.request('GET', '/v1/teams', {});
  }

  getTeam(id: string): Promise<TeamRecord> {
    return this.request('GET', `/v1/teams/${encodeURIComponent(id)}`, { resourceId: id, resourceKind: 'team' });
  }

  createApiKey(teamId: string, name: string): Promise<CreatedApiKeyRecord> {
    return this.request('POST', `/v1/teams/${encodeURIComponent(teamId)}/api-keys`, { body: { name }, resourceId: teamId, resourceKind: 'team' });
  }

  listApiKeys(teamId: string): Promise<ItemList<ApiKeyRecord>> {
    return this.request('GET', `/v1/teams/${encodeURIComponent(teamId)}/api-keys`, { resourceId: teamId, resourceKind: 'team' });
  }

  /** jobgate answers 204 without a body. */
  async revokeApiKey(teamId: string, keyId: string): Promise<void> {
    await this.request('DELETE', `/v1/teams/${encodeURIComponent(teamId)}/api-keys/${encodeURIComponent(keyId)}`, {
      resourceId: keyId,
      resourceKind: 'API key',
    });
  }

  private async request<T>(method: string, path: string, init: RequestInit): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...init.headers };
    if (this.options.apiKey) headers.Authorization = `Bearer ${this.options.apiKey}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    let status: number;
    let statusText: string;
    let text: string;
    try {
      const res = await fetch(this.baseUrl + path, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
      ({ status, statusText } = res);
      text = await res.text();
    } catch (err) {
      throw new UnreachableError(this.baseUrl, describeFetchFailure(err));
    }
    if (status < 200 || status > 299)
      throw new ApiProblemError(toProblem(status, statusText, text), { method, path, resourceId: init.resourceId, resourceKind: init.resourceKind });
    if (status === 204) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiProblemError(
        { status, title: 'Not jobgate', detail: `${method} ${path} answered ${status} with a body that is not JSON` },
        { method, path },
      );
    }
  }

  // --- deliveries, redeliver, sweeps (cli conventions) ---

  /** `GET /v1/jobs/{id}/deliveries`: the job's webhook events in delivery order, each with its attempts. */
  jobDeliveries(jobId: string): Promise<ItemList<DeliveryRecord>> {
    return this.request('GET', `/v1/jobs/${encodeURIComponent(jobId)}/deliveries`, { resourceId: jobId, resourceKind: 'job' });
  }

  /** `POST /v1/deliveries/{id}/redeliver` (202): one more send of the event, with the same webhook-id. */
  redeliver(eventId: string): Promise<DeliveryRecord> {
    return this.request('POST', `/v1/deliveries/${encodeURIComponent(eventId)}/redeliver`, { resourceId: eventId, resourceKind: 'webhook event' });
  }

  /** `GET /v1/sweeps`: a page of sweeps, newest first (without the best trial: `getSweep` has it). */
  listSweeps(query: ListSweepsQuery = {}): Promise<Page<SweepRecord>> {
    const params = new URLSearchParams();
    if (query.status !== undefined) params.set('status', query.status);
    if (query.team !== undefined) params.set('team', query.team);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor !== undefined) params.set('cursor', query.cursor);
    const search = params.toString();
    return this.request('GET', `/v1/sweeps${search ? `?${search}` : ''}`, {});
  }
  // --- end of deliveries, redeliver, sweeps ---
}

/** undici reports "fetch failed" and hides the reason (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function describeFetchFailure(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'no answer in time';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}

/** `jobgate sweeps` filters (`GET /v1/sweeps`). */
export interface ListSweepsQuery {
  /** Passed on as given: jobgate names the valid statuses when it refuses one. */
  status?: SweepStatus | (string & {});
  /** A team's name (operator keys only; a team key sees its own sweeps anyway). */
  team?: string;
  limit?: number;
  cursor?: string;
}
