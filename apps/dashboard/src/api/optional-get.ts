import type { ApiClient } from './api-client';
import { ApiError } from './api-error';

/** Route patterns this API has answered `route_not_found` for, so polling stops asking. */
const missingRoutes = new Set<string>();

/**
 * GETs an endpoint newer than some deployments (job events, job attempts); null when the API does
 * not have it, so the page falls back to what the job record says. `routeKey` names the route
 * (`jobs/:id/events`), not the URL, so one miss covers every job.
 */
export async function optionalGet<T>(client: ApiClient, path: string, routeKey: string, signal?: AbortSignal): Promise<T | null> {
  if (missingRoutes.has(routeKey)) return null;
  try {
    return await client.get<T>(path, signal);
  } catch (err) {
    if (err instanceof ApiError && err.routeMissing) {
      missingRoutes.add(routeKey);
      return null;
    }
    throw err;
  }
}
