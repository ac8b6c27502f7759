export { buildApp } from './app';
export type { ApiDeps } from './app';
export { startApi } from './start-api';
export type { RunningApi, StartApiOptions } from './start-api';
export { openApiDocument } from './openapi/openapi-document';
export { sendProblem, errorHandler, notFoundHandler } from './problem';
export { findJob } from './routes/jobs.routes';
