import { ApiProblemError, UnreachableError, type Problem } from '../api-errors';
import { CliError, UsageError } from '../cli-error';
import { describeError } from './error';

const problem = (status: number, extra: Partial<Problem> = {}) =>
  new ApiProblemError({ status, title: 't', ...extra }, { method: 'GET', path: '/v1/jobs/x', resourceId: 'x' });

describe('describeError', () => {
  it('401: names the variable to set, exit 3', () => {
    expect(describeError(problem(401, { detail: 'The API key is not valid' }))).toEqual({
      message: 'jobgate rejected the API key (401): set JOBGATE_API_KEY',
      exitCode: 3,
    });
  });

  it('404 about an id: no job or sweep with that id, exit 4', () => {
    expect(describeError(problem(404, { code: 'not_found' }))).toEqual({ message: 'no job or sweep with id x', exitCode: 4 });
  });

  it('404 about a team or an API key names what was not found', () => {
    const err = new ApiProblemError({ status: 404, code: 'not_found' }, { method: 'GET', path: '/v1/teams/t', resourceId: 't', resourceKind: 'team' });
    expect(describeError(err)).toEqual({ message: 'no team with id t', exitCode: 4 });
  });

  it('403 (a team key on an operator route): what jobgate said, exit 3', () => {
    expect(describeError(problem(403, { code: 'operator_only', detail: 'Only operator keys (API_KEYS) may use this route' }))).toEqual({
      message: 'jobgate refused this API key here (403): Only operator keys (API_KEYS) may use this route',
      exitCode: 3,
    });
  });

  it('404 for a route this jobgate lacks: says so instead of blaming the id', () => {
    const err = new ApiProblemError(
      { status: 404, code: 'route_not_found', detail: 'No route for POST /v1/sweeps' },
      { method: 'POST', path: '/v1/sweeps/x/cancel', resourceId: 'x' },
    );
    expect(describeError(err)).toEqual({ message: 'this jobgate has no POST /v1/sweeps/x/cancel (404): is it older than this CLI?', exitCode: 4 });
  });

  it('400 and 422: the detail, then every field as `path: message`, one per line, exit 2', () => {
    const errors = [
      { path: 'training_job.job_name', message: 'is required' },
      { path: 'labels["bad key"]', message: 'key must be 1–63 characters' },
      { path: '', message: 'must be a JSON object' },
    ];
    expect(describeError(problem(400, { detail: '3 invalid fields: …', errors }))).toEqual({
      message: [
        '3 invalid fields: …',
        '  training_job.job_name: is required',
        '  labels["bad key"]: key must be 1–63 characters',
        '  (body): must be a JSON object',
      ].join('\n'),
      exitCode: 2,
    });
    expect(describeError(problem(422, { detail: 'Idempotency-Key reused with a different body' }))).toEqual({
      message: 'Idempotency-Key reused with a different body',
      exitCode: 2,
    });
  });

  it('409: the detail, exit 5', () => {
    expect(describeError(problem(409, { detail: 'job name "a" is in use by job 123' }))).toEqual({ message: 'job name "a" is in use by job 123', exitCode: 5 });
  });

  it('other 4xx exit 2, 5xx exit 7, with the status and detail', () => {
    expect(describeError(problem(415, { detail: 'Send the body as application/json' }))).toEqual({
      message: 'jobgate refused the request (415): Send the body as application/json',
      exitCode: 2,
    });
    expect(describeError(problem(503, { detail: 'The job queue is unavailable' }))).toEqual({
      message: 'jobgate failed (503): The job queue is unavailable',
      exitCode: 7,
    });
  });

  it('no answer at all: where jobgate was expected, exit 6', () => {
    expect(describeError(new UnreachableError('http://127.0.0.1:8080', 'ECONNREFUSED'))).toEqual({
      message: 'cannot reach jobgate at http://127.0.0.1:8080: is it running? (ECONNREFUSED)',
      exitCode: 6,
    });
  });

  it('local errors keep their message and code; only a bug shows a stack', () => {
    expect(describeError(new CliError('cannot read job.yaml: no such file', 2))).toEqual({ message: 'cannot read job.yaml: no such file', exitCode: 2 });
    expect(describeError(new UsageError('unknown flag --x', 'list')).exitCode).toBe(2);
    const bug = describeError(new TypeError('x is undefined'));
    expect(bug.exitCode).toBe(70);
    expect(bug.message).toMatch(/^jobgate CLI failed unexpectedly: TypeError: x is undefined\n\s+at /);
  });
});
