import { MAX_TRIAL_PAGE } from '@jobgate/contracts/records';
import type { ApiClient } from './api-client';
import type { SweepWithTrials } from '@jobgate/contracts/records';
import type { Page, SweepDetail, SweepTrial } from './types';

/**
 * The sweep page's data: the sweep (counts and best trial) and its trials, which jobgate pages at
 * `/v1/sweeps/{id}/trials` so that no single answer carries 10,000 of them.
 */
export async function loadSweep(client: ApiClient, id: string, signal: AbortSignal): Promise<SweepWithTrials> {
  const base = `/v1/sweeps/${encodeURIComponent(id)}`;
  const sweep = await client.get<SweepDetail>(base, signal);
  const trials: SweepTrial[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<SweepTrial> = await client.get(`${base}/trials?limit=${MAX_TRIAL_PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, signal);
    trials.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return { ...sweep, trials };
}
