/**
 * One failing field, named by its full JSON path (`training_job.config.parameter[1].value`).
 * Same shape as `FieldIssue` in @jobgate/errors, so issues can go straight into a ValidationError.
 */
export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * `value` is a plain JSON copy of the input as accepted: no defaults added, nothing dropped.
 * A failure keeps at most MAX_REPORTED_ISSUES issues; `issueCount`, set only when some were left
 * out, counts all that were found.
 */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[]; issueCount?: number };

/** Issues one answer lists; a body with 40,000 bad fields would otherwise get a 7 MB answer. */
export const MAX_REPORTED_ISSUES = 100;

/** Collects issues: keeps the first MAX_REPORTED_ISSUES, counts every one. */
export class IssueList {
  readonly issues: ValidationIssue[] = [];
  count = 0;

  add(path: string, message: string): void {
    this.count++;
    if (this.issues.length < MAX_REPORTED_ISSUES) this.issues.push({ path, message });
  }

  /** Whether another issue would still be kept (callers skip building its path otherwise). */
  wants(): boolean {
    return this.issues.length < MAX_REPORTED_ISSUES;
  }

  failure<T>(): ValidationResult<T> {
    return this.count > this.issues.length ? { ok: false, issues: this.issues, issueCount: this.count } : { ok: false, issues: this.issues };
  }
}

/** A failure with `issues` capped to MAX_REPORTED_ISSUES and their total count. */
export function capped<T>(issues: ValidationIssue[]): ValidationResult<T> {
  if (issues.length <= MAX_REPORTED_ISSUES) return { ok: false, issues };
  return { ok: false, issues: issues.slice(0, MAX_REPORTED_ISSUES), issueCount: issues.length };
}
