export { JobgateError } from './jobgate-error';
export type { JobgateErrorOptions } from './jobgate-error';
export { NotFoundError } from './not-found-error';
export { ConflictError } from './conflict-error';
export { ValidationError } from './validation-error';
export type { FieldIssue } from './validation-error';
export { UnprocessableError } from './unprocessable-error';
export { retryWithBackoff } from './retry-with-backoff';
export type { RetryWithBackoffOptions } from './retry-with-backoff';
