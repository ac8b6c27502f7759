import type { Request } from 'express';
import { MAX_TRIAL_PAGE, SWEEP_STATUSES, type SweepStatus } from '@jobgate/contracts';
import { ValidationError, type FieldIssue } from '@jobgate/errors';
import type { ListSweepsFilter, TrialPageQuery } from '@jobgate/lifecycle';

const KNOWN = new Set(['status', 'limit', 'cursor', 'team']);

/** `GET /v1/sweeps?status=&limit=&cursor=&team=`, with the same rules and messages as the job list. */
export function parseSweepListQuery(req: Request): ListSweepsFilter & { team?: string } {
  const issues: FieldIssue[] = [];
  for (const key of Object.keys(req.query)) if (!KNOWN.has(key)) issues.push({ path: `query.${key}`, message: 'unknown query parameter' });
  const single = (name: string): string | undefined => {
    const value = req.query[name];
    if (value === undefined || typeof value === 'string') return value;
    issues.push({ path: `query.${name}`, message: 'must be given once' });
    return undefined;
  };
  const status = single('status');
  if (status !== undefined && !SWEEP_STATUSES.includes(status as SweepStatus)) {
    issues.push({ path: 'query.status', message: `must be one of ${SWEEP_STATUSES.join(', ')}` });
  }
  const limitText = single('limit');
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 200))
    issues.push({ path: 'query.limit', message: 'must be an integer from 1 to 200' });
  const cursor = single('cursor');
  const team = single('team');
  if (issues.length > 0) throw new ValidationError(issues, 'The query is invalid');
  return { status: status as SweepStatus | undefined, limit, cursor, team };
}

/** Trials one page holds when `limit` is not given. */
const DEFAULT_TRIAL_PAGE = 100;
const TRIAL_PAGE_KEYS = new Set(['limit', 'cursor']);

/** `GET /v1/sweeps/{id}/trials?limit=&cursor=`: limit 1–MAX_TRIAL_PAGE, default 100. */
export function parseTrialPageQuery(req: Request): TrialPageQuery {
  const issues: FieldIssue[] = [];
  for (const key of Object.keys(req.query)) if (!TRIAL_PAGE_KEYS.has(key)) issues.push({ path: `query.${key}`, message: 'unknown query parameter' });
  const { limit: limitValue, cursor } = req.query;
  if (limitValue !== undefined && typeof limitValue !== 'string') issues.push({ path: 'query.limit', message: 'must be given once' });
  if (cursor !== undefined && typeof cursor !== 'string') issues.push({ path: 'query.cursor', message: 'must be given once' });
  const limit = typeof limitValue === 'string' ? Number(limitValue) : DEFAULT_TRIAL_PAGE;
  if (!(Number.isInteger(limit) && limit >= 1 && limit <= MAX_TRIAL_PAGE))
    issues.push({ path: 'query.limit', message: `must be an integer from 1 to ${MAX_TRIAL_PAGE}` });
  if (issues.length > 0) throw new ValidationError(issues, 'The query is invalid');
  return { limit, cursor: cursor as string | undefined };
}
