import { Check } from './check';
import { isObjectLike } from './json-path';
import type { RerunRequest } from './rerun-request';
import type { Parameter, TrainingJobBody, TrainingJobConfig } from './training-job-body';
import { validateBody, validateTrainingJob } from './validate';
import type { ValidationIssue, ValidationResult } from './validation-result';

export class RerunRequestDto implements RerunRequest {
  @Check('rerun-config', (value) => (value === undefined || isObjectLike(value) ? [] : [{ message: 'must be a JSON object of config fields' }]), {
    schema: {
      type: 'object',
      description:
        "fields of training_job.config to change: a value replaces the job's, null removes it, `parameter` entries replace the entry of the same label",
    },
  })
  config?: RerunRequest['config'];
}

/**
 * ModelArts marks these mandatory for a new version (create-version table), so a rerun without them
 * is refused here rather than by ModelArts after it waited its turn.
 */
const VERSION_REQUIRED = ['train_url', 'model_id'] as const;

/**
 * Checks a rerun body against the job it reruns: the job's training_job with the changes applied must
 * pass every rule a create does, and carry what a new version needs. Paths name fields of the new
 * version's training_job (`config.spec_id`, `config.parameter[2].value`), which for everything but
 * merged parameter lists are the body's own. On success the value is that training_job.
 */
export function validateRerunRequest(body: unknown, source: TrainingJobBody): ValidationResult<TrainingJobBody> {
  const request = body === undefined || body === null ? {} : body;
  const shape = validateBody(RerunRequestDto, request);
  if (!shape.ok) return shape;
  const merged = { ...source, config: applyConfigChanges(source.config, shape.value.config ?? {}) };
  const checked = validateTrainingJob(merged);
  if (!checked.ok) return checked;
  const missing: ValidationIssue[] = VERSION_REQUIRED.filter((field) => merged.config[field] === undefined).map((field) => ({
    path: `config.${field}`,
    message: 'is required to create a new version of a ModelArts job (add it to config)',
  }));
  return missing.length ? { ok: false, issues: missing } : checked;
}

/** RFC 7396 merge of the config's fields, except `parameter`, which is merged by label. */
function applyConfigChanges(config: TrainingJobConfig, changes: NonNullable<RerunRequest['config']>): TrainingJobConfig {
  const merged: Record<string, unknown> = { ...config };
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) delete merged[field];
    else if (field === 'parameter' && Array.isArray(value) && Array.isArray(config.parameter)) merged[field] = mergeParameters(config.parameter, value);
    else merged[field] = value;
  }
  return merged as unknown as TrainingJobConfig;
}

/** Malformed entries are kept as given, so validation names them at their path. */
function mergeParameters(current: Parameter[], changes: unknown[]): unknown[] {
  const result: unknown[] = [...current];
  for (const change of changes) {
    const label = isObjectLike(change) ? change.label : undefined;
    const at = typeof label === 'string' ? result.findIndex((p) => isObjectLike(p) && p.label === label) : -1;
    if (at >= 0) result[at] = change;
    else result.push(change);
  }
  return result;
}
