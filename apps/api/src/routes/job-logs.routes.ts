import { Router, type Request } from 'express';
import { ValidationError, type FieldIssue } from '@jobgate/errors';
import type { Lifecycle, ReadLogInput } from '@jobgate/lifecycle';
import { callerOf } from '../caller';
import { findJob } from './jobs.routes';

export interface JobLogsRoutesDeps {
  lifecycle: Lifecycle;
}

// ModelArts answers at most 500 lines a call (§2.12 `lines`).
const MAX_LINES = 500;

/**
 * `GET /v1/jobs/{id}/logs?file=&cursor=&lines=` → `{files, file, lines, first_line, next_cursor, hint}`:
 * up to 500 lines of one of the job's log files from ModelArts, from `cursor` (`next_cursor` of the
 * previous page). Follow a running job by asking again with `next_cursor` until it is null.
 */
export function jobLogsRoutes(deps: JobLogsRoutesDeps): Router {
  const router = Router();
  router.get('/:id/logs', async (req, res) => {
    const query = parseLogQuery(req);
    // The record first: when it says the job has ended, the log read after it is complete.
    const job = await findJob(deps.lifecycle.reads, req.params.id!, callerOf(res));
    res.json(await deps.lifecycle.logs.read(job, query));
  });
  return router;
}

function parseLogQuery(req: Request): ReadLogInput {
  const issues: FieldIssue[] = [];
  const known = new Set(['file', 'cursor', 'lines']);
  for (const key of Object.keys(req.query)) if (!known.has(key)) issues.push({ path: `query.${key}`, message: 'unknown query parameter' });
  const single = (name: string): string | undefined => {
    const value = req.query[name];
    if (value === undefined || typeof value === 'string') return value;
    issues.push({ path: `query.${name}`, message: 'must be given once' });
    return undefined;
  };
  const file = single('file');
  if (file !== undefined && !/^[\x21-\x7e]{1,255}$/.test(file)) issues.push({ path: 'query.file', message: 'must be a log file name the job lists' });
  const cursorText = single('cursor');
  if (cursorText !== undefined && !/^\d{1,9}$/.test(cursorText)) issues.push({ path: 'query.cursor', message: 'must be a next_cursor from an earlier page' });
  const linesText = single('lines');
  const lines = linesText === undefined ? MAX_LINES : Number(linesText);
  if (!(/^\d{1,3}$/.test(linesText ?? '500') && lines >= 1 && lines <= MAX_LINES))
    issues.push({ path: 'query.lines', message: `must be an integer from 1 to ${MAX_LINES}` });
  if (issues.length) throw new ValidationError(issues, 'The query is invalid');
  return { file, cursor: cursorText === undefined ? undefined : Number(cursorText), lines };
}
