import { createJobgateClient, type JobgateClient } from '@jobgate/client';
import { ApiError, type ProblemAnswer } from './api-error';

export interface ApiClientOptions {
  /** The bearer key the user signed in with; null when the server runs without authentication. */
  apiKey: string | null;
  /** Called once per refused request; the app drops the key and shows the sign-in page. */
  onUnauthorized?: () => void;
  /** Origin of the API; default '' (the page's own origin, where the api serves /ui). */
  baseUrl?: string;
}

/** What a call of the generated client answers (openapi-fetch's `{ data, error, response }`). */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The public /v1 API as the page uses it, through the generated client (@jobgate/client): each call
 * names a path template of the OpenAPI document, so its parameters and its answer are typed from it.
 * `call` turns every failure into one ApiError (unauthorized, down or a problem).
 */
export class ApiClient {
  private readonly api: JobgateClient;

  constructor(private readonly options: ApiClientOptions) {
    this.api = createJobgateClient({
      baseUrl: options.baseUrl ?? '',
      apiKey: options.apiKey,
      // Records change under the same URL: never a cached answer.
      fetch: (request) => fetch(request, { cache: 'no-store' }),
    });
  }

  /** `client.call((api) => api.GET('/v1/jobs/{id}', { params: { path: { id } }, signal }))` → the job, or an ApiError. */
  async call<T>(send: (api: JobgateClient) => Promise<Answer<T>>): Promise<T> {
    let answer: Answer<T>;
    try {
      answer = await send(this.api);
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError('down', err instanceof SyntaxError ? 'an answer that is not JSON' : 'network error, no response');
    }
    if (answer.response.ok) return answer.data as T;
    const problem = answer.error !== null && typeof answer.error === 'object' ? (answer.error as ProblemAnswer) : null;
    throw this.failure(answer.response.status, problem);
  }

  private failure(status: number, problem: ProblemAnswer | null): ApiError {
    const detail = problem?.detail ?? problem?.title ?? `HTTP ${status}`;
    if (status === 401) {
      this.options.onUnauthorized?.();
      return new ApiError('unauthorized', detail, status, problem);
    }
    if (status >= 500) return new ApiError('down', `HTTP ${status}: ${detail}`, status, problem);
    return new ApiError('problem', detail, status, problem);
  }
}
