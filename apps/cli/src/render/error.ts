import { ApiProblemError, UnreachableError, type FieldProblem } from '../api-errors';
import { CliError, ExitCode } from '../cli-error';

/** How an error ends the CLI: the text for stderr and the exit code. */
export interface ErrorReport {
  message: string;
  exitCode: ExitCode;
}

/**
 * Turns every expected failure into one clear message; only a bug in the CLI shows a stack.
 * Field problems (400/422) are listed one per line as `path: message`, the path being where the
 * field sits in the request jobgate received.
 */
export function describeError(err: unknown): ErrorReport {
  if (err instanceof CliError) return { message: err.message, exitCode: err.exitCode };
  if (err instanceof UnreachableError) {
    return { message: `cannot reach jobgate at ${err.baseUrl}: is it running? (${err.reason})`, exitCode: ExitCode.unreachable };
  }
  if (err instanceof ApiProblemError) return describeProblem(err);
  const e = err as Error;
  return { message: `jobgate CLI failed unexpectedly: ${e?.stack ?? String(err)}`, exitCode: ExitCode.internal };
}

function describeProblem(err: ApiProblemError): ErrorReport {
  const { problem, request } = err;
  const detail = problem.detail ?? problem.title ?? 'no detail given';
  switch (problem.status) {
    case 401:
      return { message: 'jobgate rejected the API key (401): set JOBGATE_API_KEY', exitCode: ExitCode.unauthorized };
    case 404:
      // A route jobgate does not have (an older server without sweeps or cancel) is not a missing id.
      if (request.resourceId !== undefined && problem.code !== 'route_not_found') {
        return { message: `no ${request.resourceKind ?? 'job or sweep'} with id ${request.resourceId}`, exitCode: ExitCode.notFound };
      }
      return { message: `this jobgate has no ${request.method} ${request.path.split('?')[0]} (404): is it older than this CLI?`, exitCode: ExitCode.notFound };
    case 403:
      // A team key on an operator route: the key is good, just not for this.
      return { message: `jobgate refused this API key here (403): ${detail}`, exitCode: ExitCode.unauthorized };
    case 409:
      return { message: detail, exitCode: ExitCode.conflict };
    case 400:
    case 422:
      return { message: [detail, ...fieldLines(problem.errors)].join('\n'), exitCode: ExitCode.invalid };
  }
  if (problem.status >= 400 && problem.status < 500) {
    return { message: `jobgate refused the request (${problem.status}): ${detail}`, exitCode: ExitCode.invalid };
  }
  if (problem.status >= 500) return { message: `jobgate failed (${problem.status}): ${detail}`, exitCode: ExitCode.serverError };
  return { message: `unexpected answer from jobgate (${problem.status}): ${detail}`, exitCode: ExitCode.serverError };
}

function fieldLines(errors: FieldProblem[] = []): string[] {
  return errors.map((e) => `  ${e.path || '(body)'}: ${e.message}`);
}
