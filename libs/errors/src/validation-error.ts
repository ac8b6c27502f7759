import { JobgateError } from './jobgate-error';

/** One failing field, named by its JSON path (`training_job.config.app_url`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Input that does not satisfy the contract; carries every failing field at once. */
export class ValidationError extends JobgateError {
  constructor(readonly issues: FieldIssue[], message = 'The request body is invalid') {
    super(message, { code: 'validation_failed' });
  }
}
