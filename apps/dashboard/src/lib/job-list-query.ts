import type { operations } from '@jobgate/client';
import type { JobStatus } from '../api/types';
/**
 * The job list's state lives in the page URL (`/ui/jobs?status=running&label=team:ml&after=…`), so a
 * reload, a shared link or the back button shows the same filters and page.
 */
export interface JobListQuery {
  status: string;
  /** `key:value` pairs, all of which a job must carry. */
  labels: string[];
  sweepId: string;
  /** A team's name (operators only; a team key sees its own jobs anyway); '' for every team. */
  team: string;
  /**
   * Cursors of the pages walked through, oldest first; the last one is the current page's. The API
   * pages forward only, so "Previous" drops the last cursor.
   */
  after: string[];
}

export const EMPTY_JOB_LIST_QUERY: JobListQuery = { status: '', labels: [], sweepId: '', team: '', after: [] };

export function parseJobListQuery(search: string): JobListQuery {
  const params = new URLSearchParams(search);
  return {
    status: params.get('status') ?? '',
    labels: params.getAll('label').filter((l) => l !== ''),
    sweepId: params.get('sweep_id') ?? '',
    team: params.get('team') ?? '',
    after: params.getAll('after').filter((c) => c !== ''),
  };
}

/** The page URL's query ('' or `?…`); empty filters are left out so URLs stay short. */
export function jobListSearch(query: JobListQuery): string {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  for (const label of query.labels) params.append('label', label);
  if (query.sweepId) params.set('sweep_id', query.sweepId);
  if (query.team) params.set('team', query.team);
  for (const cursor of query.after) params.append('after', cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The `GET /v1/jobs` query for this state: the current page is the last cursor of the trail; empty filters are left out. */
export function jobListApiQuery(query: JobListQuery, limit: number): JobListApiQuery {
  const cursor = query.after[query.after.length - 1];
  return {
    limit,
    // Passed on as given (from the page URL): the API names the valid statuses when it refuses one.
    ...(query.status ? { status: query.status as JobStatus } : {}),
    ...(query.labels.length > 0 ? { label: query.labels } : {}),
    ...(query.sweepId ? { sweep_id: query.sweepId } : {}),
    ...(query.team ? { team: query.team } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

type JobListApiQuery = NonNullable<operations['listJobs']['parameters']['query']>;

/** "team:ml, env:prod" → ['team:ml', 'env:prod']; the API says which ones are malformed. */
export function splitLabels(text: string): string[] {
  return text
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

export function hasFilters(query: JobListQuery): boolean {
  return query.status !== '' || query.labels.length > 0 || query.sweepId !== '' || query.team !== '';
}
