import { errorFromNetworkFailure } from './translate-error';

export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** Empty string for no body. */
  body: string;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * One HTTP exchange, body included, under one timeout. Network failures and timeouts become
 * `ModelArtsError`s; any HTTP answer, error statuses included, is returned for the caller to read.
 * Redirects are not followed: a signed request must not be replayed elsewhere.
 */
export async function sendRequest(request: HttpRequest): Promise<HttpResponse> {
  const signal = AbortSignal.timeout(request.timeoutMs);
  try {
    const res = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body === '' ? undefined : request.body,
      redirect: 'manual',
      signal,
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  } catch (err) {
    throw errorFromNetworkFailure(err, signal.aborted);
  }
}
