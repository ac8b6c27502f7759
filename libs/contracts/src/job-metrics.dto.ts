import { Check, type CheckIssue } from './check';
import { isObjectLike } from './json-path';
import { MAX_METRICS, METRIC_NAME_PATTERN, SWEEP_PARAMETER_PATTERN_TEXT } from './sweep-limits';
import { validateBody } from './validate';
import type { ValidationResult } from './validation-result';

/** Steps of one job's learning curve are 0 to this; far more than any training run reports. */
export const MAX_METRIC_STEP = 1_000_000_000;
/** Points one job's learning curve may hold, so a reporting loop cannot fill the database. */
export const MAX_METRIC_STEPS = 10_000;

/**
 * The body of `POST /v1/jobs/{id}/metrics`, sent by the job's training code: its final metrics, or,
 * with `step`, one point of its learning curve (reporting a step again replaces that point).
 */
export interface ReportMetricsRequest {
  metrics: Record<string, number>;
  step?: number;
}

export class ReportMetricsRequestDto implements ReportMetricsRequest {
  @Check('metrics', checkMetrics, {
    schema: {
      type: 'object',
      minProperties: 1,
      maxProperties: MAX_METRICS,
      propertyNames: { pattern: METRIC_NAME_PATTERN.source },
      additionalProperties: { type: 'number' },
    },
    required: true,
  })
  metrics!: Record<string, number>;

  @Check('step', checkStep, {
    schema: { type: 'integer', minimum: 0, maximum: MAX_METRIC_STEP, description: 'a point of the learning curve; absent: final metrics' },
  })
  step?: number;
}

export function validateReportMetricsRequest(body: unknown): ValidationResult<ReportMetricsRequest> {
  return validateBody(ReportMetricsRequestDto, body);
}

function checkStep(value: unknown): CheckIssue[] {
  if (value === undefined) return [];
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_METRIC_STEP) return [];
  return [{ message: `must be an integer (a JSON number) from 0 to ${MAX_METRIC_STEP}` }];
}

// JSON has no NaN or Infinity, and scanJson refuses them from in-process callers, so a number is finite.
function checkMetrics(value: unknown): CheckIssue[] {
  if (value === undefined) return [{ message: 'is required' }];
  if (!isObjectLike(value)) return [{ message: 'must be a JSON object of metric names to numbers' }];
  const entries = Object.entries(value);
  if (entries.length === 0) return [{ message: 'must have at least one metric' }];
  if (entries.length > MAX_METRICS) return [{ message: `must have at most ${MAX_METRICS} metrics` }];
  return entries.flatMap(([name, metric]): CheckIssue[] => {
    if (!METRIC_NAME_PATTERN.test(name)) return [{ at: [name], message: `name must be 1–64 characters ${SWEEP_PARAMETER_PATTERN_TEXT}` }];
    return typeof metric === 'number' && Number.isFinite(metric) ? [] : [{ at: [name], message: 'must be a number' }];
  });
}
