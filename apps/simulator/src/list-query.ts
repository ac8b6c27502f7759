import { toListItem, type JobListItem } from './job-views';
import type { StoredJob } from './state';
import { modelartsError, type WireError } from './wire-error';
import { DEFAULT_WORKSPACE } from './default-workspace';

const SORT_KEYS = ['job_name', 'job_desc', 'status', 'duration', 'version_count', 'create_time'] as const;
type ListSortKey = (typeof SORT_KEYS)[number];

/** The list call's query (reference §2.2), defaults applied. */
export interface ListQuery {
  status?: number;
  perPage: number;
  page: number;
  sortBy: ListSortKey;
  order: 'asc' | 'desc';
  searchContent: string;
  /** Reference §2.2: the list covers one workspace, `"0"` unless `workspace_id` names another. */
  workspaceId: string;
}

/** Ranges from the doc; anything outside them is a 400 ModelArts.0101, as the real service answers. */
export function parseListQuery(params: URLSearchParams): { ok: true; query: ListQuery } | { ok: false; error: WireError } {
  const problems: string[] = [];
  const perPage = intParam(params, 'per_page', 10, [1, 1000], problems);
  const page = intParam(params, 'page', 1, [1, 65535], problems);
  const status = params.get('status') ? intParam(params, 'status', 0, [0, 99], problems) : undefined;
  const sortBy = params.get('sortBy') ?? 'job_name';
  if (!SORT_KEYS.includes(sortBy as ListSortKey)) problems.push(`sortBy must be one of ${SORT_KEYS.join(', ')}`);
  const order = params.get('order') ?? 'asc';
  if (order !== 'asc' && order !== 'desc') problems.push('order must be asc or desc');
  const searchContent = params.get('search_content') ?? '';
  if (searchContent.length > 64) problems.push('search_content must be at most 64 characters');
  if (problems.length) return { ok: false, error: modelartsError(400, 'ModelArts.0101', `Invalid argument: ${problems.join('; ')}`) };
  return {
    ok: true,
    query: {
      status,
      perPage,
      page,
      sortBy: sortBy as ListSortKey,
      order: order as ListQuery['order'],
      searchContent,
      workspaceId: params.get('workspace_id') || DEFAULT_WORKSPACE,
    },
  };
}

/** Filters, sorts once and pages; cost is one pass plus one sort over the live jobs. */
export function listJobs(jobs: Iterable<StoredJob>, query: ListQuery, now: number): { total: number; items: JobListItem[] } {
  const rows: JobListItem[] = [];
  for (const job of jobs) {
    if (job.workspace_id !== query.workspaceId) continue;
    if (query.searchContent && !job.job_name.includes(query.searchContent)) continue;
    const row = toListItem(job, now);
    if (query.status === undefined || row.status === query.status) rows.push(row);
  }
  const direction = query.order === 'asc' ? 1 : -1;
  const key = query.sortBy;
  rows.sort((a, b) => direction * (compare(a[key], b[key]) || a.job_id - b.job_id));
  const start = (query.page - 1) * query.perPage;
  return { total: rows.length, items: rows.slice(start, start + query.perPage) };
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function intParam(params: URLSearchParams, name: string, fallback: number, [min, max]: [number, number], problems: string[]): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) problems.push(`${name} must be an integer in [${min}, ${max}]`);
  return value;
}
