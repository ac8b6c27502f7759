import type { ApiClient } from './api-client';
import { ApiError } from './api-error';
import type { TeamRecord } from './types';

/**
 * Who the key speaks for, from `GET /v1/team`: a team key gets its team (200); an operator key
 * (API_KEYS, or anyone while authentication is off) gets 404 `no_team`. A jobgate older than teams
 * has no such route: an operator view without the Teams page.
 */
export type Identity = { kind: 'operator' } | { kind: 'team'; team: TeamRecord } | { kind: 'no-teams' };

export async function loadIdentity(client: ApiClient, signal: AbortSignal): Promise<Identity> {
  try {
    return { kind: 'team', team: await client.call((api) => api.GET('/v1/team', { signal })) };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return err.problem?.code === 'no_team' ? { kind: 'operator' } : { kind: 'no-teams' };
    throw err;
  }
}
