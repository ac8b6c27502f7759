/**
 * One failing field, named by its full JSON path (`training_job.config.parameter[1].value`).
 * Same shape as `FieldIssue` in @jobgate/errors, so issues can go straight into a ValidationError.
 */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** `value` is a plain JSON copy of the input as accepted: no defaults added, nothing dropped. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };
