import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema';

export interface JobgateClientOptions {
  /** jobgate's base URL, e.g. `https://jobgate.example.com` (a path prefix is kept); '' in a page jobgate serves. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>`; none (null or absent) only against a server run with AUTH_DISABLED. */
  apiKey?: string | null;
  /** The fetch to send requests with; default the global one. Tests and proxies pass their own. */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * openapi-fetch's client of jobgate: `GET`, `POST`, … take a documented path and answer
 * `{ data, error, response }`, `data` typed by the operation's success answer and `error` by its
 * problem answers (RFC 9457 `Problem`).
 */
export type JobgateClient = Client<paths>;

export function createJobgateClient(options: JobgateClientOptions): JobgateClient {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.apiKey) headers.Authorization = `Bearer ${options.apiKey}`;
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers,
    // Late-bound, so a fetch replaced after the client is made (tests, polyfills) is the one used.
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
  });
}
