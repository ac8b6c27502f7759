export { buildApp } from './app';
export type { ApiDeps } from './app';
export { startApi } from './start-api';
export type { RunningApi } from './start-api';
export { sendProblem, errorHandler, notFoundHandler, ServiceUnavailableError } from './problem';
export type { Problem } from './problem';
export { findJob } from './routes/jobs.routes';
