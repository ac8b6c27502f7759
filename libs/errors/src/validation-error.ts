import { JobgateError } from './jobgate-error';

/** One failing field, named by its JSON path (`training_job.config.app_url`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * Input that does not satisfy the contract; carries the failing fields found (validation keeps the
 * first 100) and `issueCount`, how many there were in all.
 */
export class ValidationError extends JobgateError {
  readonly issueCount: number;

  constructor(
    readonly issues: FieldIssue[],
    message = 'The request body is invalid',
    issueCount?: number,
  ) {
    super(message, { code: 'validation_failed' });
    this.issueCount = Math.max(issueCount ?? 0, issues.length);
  }

  /** From a failed validation result, keeping its total. */
  static of(result: { issues: FieldIssue[]; issueCount?: number }): ValidationError {
    return new ValidationError(result.issues, undefined, result.issueCount);
  }
}
