import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { MAX_REPORTED_ISSUES, type Problem } from '@jobgate/contracts';
import {
  ConflictError,
  GoneError,
  JobgateError,
  NotFoundError,
  QuotaExceededError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnprocessableError,
  UpstreamError,
  ValidationError,
  type FieldIssue,
} from '@jobgate/errors';
import type { Logger } from '@jobgate/logging';
import { isDatabaseUnavailable } from '@jobgate/store';

const TYPE_BASE = 'https://jobgate.dev/problems/';

export function sendProblem(res: Response, problem: Omit<Problem, 'type' | 'status'> & { type?: string; status: number }): void {
  res
    .status(problem.status)
    .type('application/problem+json')
    .json({ ...problem, type: problem.type || `${TYPE_BASE}${problem.code ?? 'error'}` });
}

/** Unknown routes get a problem too, never Express's HTML page. */
export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(res, { status: 404, title: 'Not Found', code: 'route_not_found', detail: `No route for ${req.method} ${req.path}` });
};

/** The one place errors become responses. Client mistakes are 4xx; only our own faults are 5xx. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const problem = toProblem(err);
    problem.instance = req.originalUrl;
    if (problem.status >= 500) logger.error({ err, requestId: res.locals.requestId, path: req.path }, 'request failed');
    if ((problem.status === 503 || problem.status === 429) && typeof problem.retry_after_sec === 'number')
      res.setHeader('Retry-After', String(problem.retry_after_sec));
    if (res.headersSent) return;
    sendProblem(res, problem);
  };
}

function toProblem(err: unknown): Problem {
  const e = err as { type?: string; status?: number; statusCode?: number; expose?: boolean; message?: string; limit?: number };
  if (err instanceof ValidationError) {
    const errors = err.issues.slice(0, MAX_REPORTED_ISSUES);
    return { type: '', status: 400, title: 'Invalid request', code: err.code, detail: summarize(errors, err.issueCount), errors, error_count: err.issueCount };
  }
  if (err instanceof NotFoundError) return { type: '', status: 404, title: 'Not Found', code: err.code, detail: err.message };
  if (err instanceof ConflictError) return { type: '', status: 409, title: 'Conflict', code: err.code, detail: err.message };
  if (err instanceof QuotaExceededError) {
    return {
      type: '',
      status: 429,
      title: 'Too Many Requests',
      code: err.code,
      detail: err.message,
      limit: err.limit,
      current: err.current,
      retry_after_sec: 30,
    };
  }
  if (err instanceof UnprocessableError) return { type: '', status: 422, title: 'Unprocessable request', code: err.code, detail: err.message };
  if (err instanceof GoneError) return { type: '', status: 410, title: 'Gone', code: err.code, detail: err.message };
  if (err instanceof TooManyRequestsError) {
    return { type: '', status: 429, title: 'Too Many Requests', code: err.code, detail: err.message, retry_after_sec: err.retryAfterSec };
  }
  if (err instanceof UpstreamError) return { type: '', status: 502, title: 'Bad Gateway', code: err.code, detail: err.message };
  if (err instanceof ServiceUnavailableError) {
    return { type: '', status: 503, title: 'Service Unavailable', code: err.code, detail: err.message, retry_after_sec: 5 };
  }
  // PostgreSQL away (failover, killed session): like Redis away, a retry shortly after will do.
  if (isDatabaseUnavailable(err)) {
    return {
      type: '',
      status: 503,
      title: 'Service Unavailable',
      code: 'service_unavailable',
      detail: 'The results store is unavailable; please retry',
      retry_after_sec: 5,
    };
  }
  // body-parser errors (Express 5 passes them through with status and type).
  if (e?.type === 'entity.parse.failed')
    return { type: '', status: 400, title: 'Malformed JSON', code: 'malformed_json', detail: 'The request body is not valid JSON' };
  if (e?.type === 'entity.too.large')
    return { type: '', status: 413, title: 'Payload Too Large', code: 'body_too_large', detail: `The request body exceeds ${e.limit ?? 'the limit'} bytes` };
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return { type: '', status: 415, title: 'Unsupported Media Type', code: 'unsupported_encoding', detail: e.message };
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && e?.expose !== false) {
    return { type: '', status, title: 'Bad Request', code: 'bad_request', detail: e?.message };
  }
  if (err instanceof JobgateError && err.retryable) return { type: '', status: 503, title: 'Service Unavailable', code: err.code, detail: err.message };
  return { type: '', status: 500, title: 'Internal Server Error', code: 'internal', detail: 'An unexpected error occurred; it has been logged' };
}

function summarize(issues: FieldIssue[], total: number): string {
  const shown = issues.slice(0, 3).map((i) => `${i.path || '(body)'} ${i.message}`);
  const listed = total > issues.length ? ` (the first ${issues.length} listed)` : '';
  return `${total} invalid field${total === 1 ? '' : 's'}${listed}: ${shown.join('; ')}${total > 3 ? '; …' : ''}`;
}
