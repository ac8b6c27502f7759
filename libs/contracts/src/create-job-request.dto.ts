import { Check, firstFailing, type CheckIssue } from './check';
import { NestedObject, stringCheck } from './field-decorators';
import { isObjectLike } from './json-path';
import { PriorityField } from './priority';
import type { CreateJobRequest } from './create-job-request';
import { TrainingJobDto } from './training-job.dto';

export const MAX_WEBHOOK_URL_LENGTH = 2048;
export const MAX_LABELS = 32;
export const LABEL_KEY_PATTERN = /^[A-Za-z0-9_.-]{1,63}$/;
export const MAX_LABEL_VALUE_LENGTH = 256;

export class CreateJobRequestDto implements CreateJobRequest {
  @NestedObject(() => TrainingJobDto, { required: true })
  training_job!: TrainingJobDto;

  @Check('webhook-url', firstFailing(stringCheck({ max: MAX_WEBHOOK_URL_LENGTH }), httpUrl), {
    schema: { type: 'string', format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://', minLength: 1, maxLength: MAX_WEBHOOK_URL_LENGTH },
  })
  webhook_url?: string;

  @Check('labels', checkLabels, {
    schema: {
      type: 'object',
      maxProperties: MAX_LABELS,
      propertyNames: { pattern: LABEL_KEY_PATTERN.source },
      additionalProperties: { type: 'string', maxLength: MAX_LABEL_VALUE_LENGTH },
    },
  })
  labels?: Record<string, string>;

  @PriorityField()
  priority?: number;
}

// Reachability and SSRF rules belong to the webhook sender; here only the form is checked.
export function httpUrl(value: unknown): CheckIssue[] {
  const message = 'must be an absolute http:// or https:// URL';
  if (typeof value !== 'string') return [];
  if (!URL.canParse(value)) return [{ message }];
  const { protocol, hostname } = new URL(value);
  return (protocol === 'http:' || protocol === 'https:') && hostname !== '' ? [] : [{ message }];
}

function checkLabels(value: unknown): CheckIssue[] {
  if (value === undefined) return [];
  if (!isObjectLike(value)) return [{ message: 'must be a JSON object of string values' }];
  const entries = Object.entries(value);
  const issues: CheckIssue[] = [];
  if (entries.length > MAX_LABELS) issues.push({ message: `must have at most ${MAX_LABELS} entries` });
  for (const [key, labelValue] of entries) {
    if (!LABEL_KEY_PATTERN.test(key)) {
      issues.push({ at: [key], message: "key must be 1–63 characters of letters, digits, '_', '.' or '-'" });
    }
    if (typeof labelValue !== 'string' || labelValue.length > MAX_LABEL_VALUE_LENGTH) {
      issues.push({ at: [key], message: `must be a string of at most ${MAX_LABEL_VALUE_LENGTH} characters` });
    }
  }
  return issues;
}
