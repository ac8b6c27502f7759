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
import { createJobgateClient, type CreateJobRequestDto, type CreateSweepRequestDto, type JobgateClient, type RerunRequestDto } from '@jobgate/client';
import { ApiProblemError, UnreachableError, toProblem, type FailedRequest } from './api-errors';
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

/**
 * jobgate's HTTP API as the commands use it, on the generated client (@jobgate/client): each call names
 * a path template of the OpenAPI document, so a change of the API that the CLI does not follow fails
 * the build. Every failure is an ApiProblemError or UnreachableError.
 */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly client: JobgateClient;

  constructor(private readonly options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.client = createJobgateClient({ baseUrl: this.baseUrl, apiKey: options.apiKey });
  }

  submitJob(body: object, options: { idempotencyKey?: string } = {}): Promise<JobRecord> {
    return this.send((fetch) =>
      this.client.POST('/v1/jobs', { body: body as CreateJobRequestDto, params: { header: idempotency(options.idempotencyKey) }, fetch }),
    );
  }

  /** `POST /v1/jobs/batch`: up to 1,000 jobs, one result per item (207). */
  submitJobs(jobs: object[], options: { idempotencyKey?: string } = {}): Promise<JobBatchResult> {
    return this.send((fetch) =>
      this.client.POST('/v1/jobs/batch', { body: { jobs: jobs as CreateJobRequestDto[] }, params: { header: idempotency(options.idempotencyKey) }, fetch }),
    );
  }

  getJob(id: string): Promise<JobRecord> {
    return this.send((fetch) => this.client.GET('/v1/jobs/{id}', { params: { path: { id } }, fetch }), { resourceId: id });
  }

  cancelJob(id: string): Promise<JobRecord> {
    return this.send((fetch) => this.client.POST('/v1/jobs/{id}/cancel', { params: { path: { id } }, fetch }), { resourceId: id });
  }

  listJobs(query: ListJobsQuery = {}): Promise<JobPage> {
    return this.send((fetch) =>
      this.client.GET('/v1/jobs', {
        params: {
          query: {
            // Passed on as given: jobgate names the valid statuses when it refuses one.
            status: query.status as JobStatus | undefined,
            label: query.labels,
            sweep_id: query.sweepId,
            team: query.team,
            limit: query.limit,
            cursor: query.cursor,
          },
        },
        fetch,
      }),
    );
  }

  /** A new version of the job's ModelArts job; `body` is `{config?: {...changes}}`. */
  rerunJob(id: string, body: object, options: { idempotencyKey?: string } = {}): Promise<JobRecord> {
    return this.send(
      (fetch) =>
        this.client.POST('/v1/jobs/{id}/rerun', {
          params: { path: { id }, header: idempotency(options.idempotencyKey) },
          body: body as RerunRequestDto,
          fetch,
        }),
      { resourceId: id },
    );
  }

  jobVersions(id: string): Promise<ItemList<JobVersionRecord>> {
    return this.send((fetch) => this.client.GET('/v1/jobs/{id}/versions', { params: { path: { id } }, fetch }), { resourceId: id });
  }

  /** Up to `lines` lines of one of the job's log files from `cursor` (a `next_cursor`). */
  readLogs(id: string, query: { file?: string; cursor?: string; lines?: number } = {}): Promise<LogPage> {
    return this.send((fetch) => this.client.GET('/v1/jobs/{id}/logs', { params: { path: { id }, query }, fetch }), { resourceId: id });
  }

  listSpecs(): Promise<CatalogList<ResourceSpecRecord>> {
    return this.send((fetch) => this.client.GET('/v1/modelarts/specs', { fetch }));
  }

  listEngines(): Promise<CatalogList<EngineRecord>> {
    return this.send((fetch) => this.client.GET('/v1/modelarts/engines', { fetch }));
  }

  submitSweep(body: object): Promise<SweepRecord> {
    return this.send((fetch) => this.client.POST('/v1/sweeps', { body: body as CreateSweepRequestDto, fetch }));
  }

  getSweep(id: string): Promise<SweepDetail> {
    return this.send((fetch) => this.client.GET('/v1/sweeps/{id}', { params: { path: { id } }, fetch }), { resourceId: id });
  }

  cancelSweep(id: string): Promise<SweepSummary> {
    return this.send((fetch) => this.client.POST('/v1/sweeps/{id}/cancel', { params: { path: { id } }, fetch }), { resourceId: id });
  }

  createTeam(body: CreateTeamRequest): Promise<TeamRecord> {
    return this.send((fetch) => this.client.POST('/v1/teams', { body, fetch }));
  }

  listTeams(): Promise<ItemList<TeamRecord>> {
    return this.send((fetch) => this.client.GET('/v1/teams', { fetch }));
  }

  getTeam(id: string): Promise<TeamRecord> {
    return this.send((fetch) => this.client.GET('/v1/teams/{id}', { params: { path: { id } }, fetch }), { resourceId: id, resourceKind: 'team' });
  }

  createApiKey(teamId: string, name: string): Promise<CreatedApiKeyRecord> {
    return this.send((fetch) => this.client.POST('/v1/teams/{id}/api-keys', { params: { path: { id: teamId } }, body: { name }, fetch }), {
      resourceId: teamId,
      resourceKind: 'team',
    });
  }

  listApiKeys(teamId: string): Promise<ItemList<ApiKeyRecord>> {
    return this.send((fetch) => this.client.GET('/v1/teams/{id}/api-keys', { params: { path: { id: teamId } }, fetch }), {
      resourceId: teamId,
      resourceKind: 'team',
    });
  }

  /** jobgate answers 204 without a body. */
  async revokeApiKey(teamId: string, keyId: string): Promise<void> {
    await this.send((fetch) => this.client.DELETE('/v1/teams/{id}/api-keys/{keyId}', { params: { path: { id: teamId, keyId } }, fetch }), {
      resourceId: keyId,
      resourceKind: 'API key',
    });
  }

  /**
   * A call by method and concrete path (`/v1/jobs/<id>/events`), sent through the same generated client
   * as the typed calls above, for a method not yet written against the document's path templates.
   */
  private request<T>(method: string, path: string, init: RequestInit): Promise<T> {
    const untyped = this.client.request as unknown as UntypedRequest;
    return this.send(
      (fetch) =>
        untyped(method.toLowerCase(), path, { body: init.body, headers: init.headers, fetch }) as Promise<{ data?: T; error?: unknown; response: Response }>,
      init,
    );
  }

  /**
   * Runs one call of the generated client (openapi-fetch) and keeps the CLI's error behaviour: no HTTP
   * answer (or none in time) → UnreachableError; a non-2xx → ApiProblemError with the problem details
   * (or the first line of a body that is not JSON); a 2xx that is not JSON → ApiProblemError "Not jobgate".
   */
  private async send<T>(
    call: (fetch: (request: Request) => Promise<Response>) => Promise<{ data?: T; error?: unknown; response: Response }>,
    about: Pick<FailedRequest, 'resourceId' | 'resourceKind'> = {},
  ): Promise<T> {
    let sent: Request | undefined;
    let answered: Response | undefined;
    // Per call: the timeout covers the answer's body too, which openapi-fetch reads after fetch resolves.
    const fetch = async (request: Request) => {
      sent = request;
      answered = await globalThis.fetch(request, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) });
      return answered;
    };
    let result: { data?: T; error?: unknown; response: Response };
    try {
      result = await call(fetch);
    } catch (err) {
      if (sent && answered && err instanceof SyntaxError) {
        const { method, path } = this.described(sent);
        throw new ApiProblemError(
          { status: answered.status, title: 'Not jobgate', detail: `${method} ${path} answered ${answered.status} with a body that is not JSON` },
          { method, path },
        );
      }
      throw new UnreachableError(this.baseUrl, describeFetchFailure(err));
    }
    const { response } = result;
    if (!response.ok) {
      const body = typeof result.error === 'string' ? result.error : result.error === undefined ? '' : JSON.stringify(result.error);
      throw new ApiProblemError(toProblem(response.status, response.statusText, body), { ...this.described(sent!), ...about });
    }
    return result.data as T;
  }

  /** `GET /v1/jobs/{id}/deliveries`: the job's webhook events in delivery order, each with its attempts. */
  jobDeliveries(jobId: string): Promise<ItemList<DeliveryRecord>> {
    return this.send((fetch) => this.client.GET('/v1/jobs/{id}/deliveries', { params: { path: { id: jobId } }, fetch }), {
      resourceId: jobId,
      resourceKind: 'job',
    });
  }

  /** `POST /v1/deliveries/{id}/redeliver` (202): one more send of the event, with the same webhook-id. */
  redeliver(eventId: string): Promise<DeliveryRecord> {
    return this.send((fetch) => this.client.POST('/v1/deliveries/{id}/redeliver', { params: { path: { id: eventId } }, fetch }), {
      resourceId: eventId,
      resourceKind: 'webhook event',
    });
  }

  /** `GET /v1/sweeps`: a page of sweeps, newest first (without the best trial: `getSweep` has it). */
  listSweeps(query: ListSweepsQuery = {}): Promise<Page<SweepRecord>> {
    // Passed on as given: jobgate names the valid statuses when it refuses one.
    const status = query.status as SweepStatus | undefined;
    return this.send((fetch) => this.client.GET('/v1/sweeps', { params: { query: { ...query, status } }, fetch }));
  }

  /** The method and the path (below the base URL, query included) of a request, for error messages. */
  private described(request: Request): { method: string; path: string } {
    const url = new URL(request.url);
    return { method: request.method, path: `${url.pathname}${url.search}`.slice(new URL(this.baseUrl).pathname.replace(/\/$/, '').length) };
  }
}

type UntypedRequest = (
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string>; fetch: (request: Request) => Promise<Response> },
) => Promise<unknown>;

/** The Idempotency-Key header when a key is given (openapi-fetch drops undefined headers). */
function idempotency(key: string | undefined): { 'Idempotency-Key'?: string } {
  return key === undefined ? {} : { 'Idempotency-Key': key };
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
