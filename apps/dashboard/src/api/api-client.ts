import { ApiError, type ProblemAnswer } from './api-error';

export interface ApiClientOptions {
  /** The bearer key the user signed in with; null when the server runs without authentication. */
  apiKey: string | null;
  /** Called once per refused request; the app drops the key and shows the sign-in page. */
  onUnauthorized?: () => void;
  /** Origin of the API; default '' (the page's own origin, where the api serves /ui). */
  baseUrl?: string;
}

/** The public /v1 API as the page uses it: bearer auth, JSON in and out, problem+json errors. */
export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, { signal });
  }

  /** Actions without a body (cancel, redeliver, rotate): no Content-Type, as the API expects. */
  post<T>(path: string): Promise<T> {
    return this.request<T>('POST', path);
  }

  /** Creating something (a team, an API key): the body as JSON. */
  postJson<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, { body });
  }

  /** Revoking an API key; the API answers 204 without a body. */
  async delete(path: string): Promise<void> {
    await this.request<unknown>('DELETE', path);
  }

  private async request<T>(method: string, path: string, options: { signal?: AbortSignal; body?: unknown } = {}): Promise<T> {
    const { signal, body } = options;
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (this.options.apiKey !== null) headers.Authorization = `Bearer ${this.options.apiKey}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.options.baseUrl ?? ''}${path}`, {
        method,
        signal,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new ApiError('down', 'network error, no response');
    }
    const answer = await readJson(res);
    if (res.ok) return answer as T;
    throw this.failure(res.status, answer as ProblemAnswer | null);
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

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text().catch(() => '');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
