import { MAX_TRIAL_PAGE } from '@jobgate/contracts/records';
import type { ApiClient } from './api-client';
import type { SweepWithTrials } from '@jobgate/contracts/records';
import type { Page, SweepTrial } from './types';

/**
 * The sweep page's data: the sweep (counts and best trial) and its trials, which jobgate pages at
 * `/v1/sweeps/{id}/trials` so that no single answer carries 10,000 of them.
 */
export async function loadSweep(client: ApiClient, id: string, signal: AbortSignal): Promise<SweepWithTrials> {
  const path = { id };
  const sweep = await client.call((api) => api.GET('/v1/sweeps/{id}', { params: { path }, signal }));
  const trials: SweepTrial[] = [];
  let cursor: string | null = null;
  do {
    const query = { limit: MAX_TRIAL_PAGE, ...(cursor ? { cursor } : {}) };
    const page: Page<SweepTrial> = await client.call((api) => api.GET('/v1/sweeps/{id}/trials', { params: { path, query }, signal }));
    trials.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return { ...sweep, trials };
}
