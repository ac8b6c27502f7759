export { runCli } from './run-cli';
export type { RunCliDeps } from './run-cli';
export { ApiClient } from './api-client';
export type { ApiClientOptions, JobPage, ListJobsQuery } from './api-client';
export { ApiProblemError, UnreachableError } from './api-errors';
export type { Problem, FieldProblem } from './api-errors';
export { ExitCode } from './cli-error';
