import type { ApiClient } from './api-client';
import type { ApiKeyRecord, TeamRecord } from './types';

/** What the team page shows, loaded together so one refresh is one consistent picture. */
export interface TeamView {
  team: TeamRecord;
  keys: ApiKeyRecord[];
}

export async function loadTeamView(client: ApiClient, id: string, signal: AbortSignal): Promise<TeamView> {
  const init = { params: { path: { id } }, signal };
  const [team, keys] = await Promise.all([
    client.call((api) => api.GET('/v1/teams/{id}', init)),
    client.call((api) => api.GET('/v1/teams/{id}/api-keys', init)),
  ]);
  return { team, keys: keys.items };
}
