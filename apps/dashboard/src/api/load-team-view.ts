import type { ApiClient } from './api-client';
import type { ApiKeyRecord, ItemList, TeamRecord } from './types';

/** What the team page shows, loaded together so one refresh is one consistent picture. */
export interface TeamView {
  team: TeamRecord;
  keys: ApiKeyRecord[];
}

export async function loadTeamView(client: ApiClient, id: string, signal: AbortSignal): Promise<TeamView> {
  const base = `/v1/teams/${encodeURIComponent(id)}`;
  const [team, keys] = await Promise.all([client.get<TeamRecord>(base, signal), client.get<ItemList<ApiKeyRecord>>(`${base}/api-keys`, signal)]);
  return { team, keys: keys.items };
}
