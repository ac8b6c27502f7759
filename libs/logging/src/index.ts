export { createLogger, stripUrlCredentials } from './create-logger';
export type { CreateLoggerOptions, Logger } from './create-logger';
export { REDACT_PATHS } from './redact-paths';
export { logRetry } from './log-retry';
