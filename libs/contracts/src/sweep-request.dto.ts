import { Check, firstFailing, type CheckFn, type CheckIssue } from './check';
import { CreateJobRequestDto, MAX_LABELS } from './create-job-request.dto';
import { BooleanField, NestedObject, StringField } from './field-decorators';
import { isObjectLike } from './json-path';
import { checkParameters, PARAMETERS_SCHEMA } from './sweep-parameters.rules';
import {
  EARLY_STOPPING_TYPES,
  MAX_SWEEP_NAME_LENGTH,
  MAX_SWEEP_PARALLEL,
  MAX_SWEEP_SEED,
  MAX_SWEEP_TRIALS,
  METRIC_NAME_PATTERN,
  OBJECTIVE_GOALS,
  REPORT_PARAMETER_LABELS,
  SWEEP_METHODS,
  SWEEP_PARAMETER_PATTERN_TEXT,
  TRIAL_LABEL_KEYS,
  type ObjectiveGoal,
  type SweepMethod,
} from './sweep-limits';
import type { CreateSweepRequest, EarlyStopping, ParameterSpec, SweepObjective } from './sweep-request';
import { MAX_METRIC_STEP } from './job-metrics.dto';
import { PriorityField } from './priority';

/** The schema of `early_stopping`, in the request and (as the `EarlyStopping` component) in the sweep record. */
export const EARLY_STOPPING_SCHEMA = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: [...EARLY_STOPPING_TYPES] },
    min_trials: {
      ...integerSchema(1, MAX_SWEEP_PARALLEL),
      default: 5,
      description: 'other trials that must have reached a step before a trial is judged there',
    },
    start_step: { ...integerSchema(0, MAX_METRIC_STEP), default: 3, description: 'no trial is stopped before this step' },
  },
};

export class SweepObjectiveDto implements SweepObjective {
  @StringField({ required: true, max: 64, pattern: METRIC_NAME_PATTERN, patternText: SWEEP_PARAMETER_PATTERN_TEXT })
  metric!: string;

  @Check('goal', requiredOneOf(OBJECTIVE_GOALS), { schema: { type: 'string', enum: [...OBJECTIVE_GOALS] }, required: true })
  goal!: ObjectiveGoal;
}

export class CreateSweepRequestDto implements CreateSweepRequest {
  @StringField({ required: true, max: MAX_SWEEP_NAME_LENGTH })
  name!: string;

  // The POST /v1/jobs DTO itself, so a template gets exactly the checks and messages a job gets,
  // under `template.` (`template.training_job.config.spec_id`).
  @NestedObject(() => CreateJobRequestDto, { required: true })
  @Check('trial-labels', trialLabelRoom)
  @Check('report-parameters', reportParametersFree)
  template!: CreateJobRequestDto;

  @Check('method', requiredOneOf(SWEEP_METHODS), { schema: { type: 'string', enum: [...SWEEP_METHODS] }, required: true })
  method!: SweepMethod;

  @Check('parameters', firstFailing(checkParameters, reportLabelsUnused), { schema: PARAMETERS_SCHEMA, required: true })
  parameters!: Record<string, ParameterSpec>;

  // Required for `random` and `bayes`: a rule across fields, which the schema leaves to the description.
  @Check('max-trials', firstFailing(requiredForRandom, integerBetween(1, MAX_SWEEP_TRIALS)), {
    schema: { ...integerSchema(1, MAX_SWEEP_TRIALS), description: "required for methods 'random' and 'bayes'" },
  })
  max_trials?: number;

  @Check('max-parallel', integerBetween(1, MAX_SWEEP_PARALLEL), { schema: integerSchema(1, MAX_SWEEP_PARALLEL) })
  max_parallel?: number;

  @Check('max-failed-trials', integerBetween(0, MAX_SWEEP_TRIALS), { schema: integerSchema(0, MAX_SWEEP_TRIALS) })
  max_failed_trials?: number;

  @Check('seed', integerBetween(0, MAX_SWEEP_SEED), { schema: integerSchema(0, MAX_SWEEP_SEED) })
  seed?: number;

  @PriorityField()
  priority?: number;

  @NestedObject(() => SweepObjectiveDto)
  @Check('objective-needed', requiredForLearning, { schema: { description: "required for method 'bayes' and for early_stopping" } })
  objective?: SweepObjectiveDto;

  @BooleanField()
  reporting?: boolean;

  @Check('early-stopping', checkEarlyStopping, { schema: EARLY_STOPPING_SCHEMA })
  early_stopping?: EarlyStopping;
}

function checkEarlyStopping(value: unknown): CheckIssue[] {
  if (value === undefined) return [];
  if (!isObjectLike(value)) return [{ message: 'must be a JSON object like {"type": "median"}' }];
  const issues: CheckIssue[] = Object.keys(value)
    .filter((key) => !['type', 'min_trials', 'start_step'].includes(key))
    .map((key) => ({ at: [key], message: 'unknown field' }));
  issues.push(...requiredOneOf(EARLY_STOPPING_TYPES)(value.type, {}).map((issue) => ({ ...issue, at: ['type'] })));
  issues.push(...integerBetween(1, MAX_SWEEP_PARALLEL)(value.min_trials, {}).map((issue) => ({ ...issue, at: ['min_trials'] })));
  issues.push(...integerBetween(0, MAX_METRIC_STEP)(value.start_step, {}).map((issue) => ({ ...issue, at: ['start_step'] })));
  return issues;
}

// Both learn from the objective's metric: without one they would have nothing to compare.
function requiredForLearning(value: unknown, sweep: Readonly<Record<string, unknown>>): CheckIssue[] {
  if (value !== undefined) return [];
  if (sweep.method === 'bayes') return [{ message: "is required for method 'bayes'" }];
  return sweep.early_stopping !== undefined ? [{ message: 'is required with early_stopping' }] : [];
}

// The sweep writes these itself when `reporting` is on; a search over them would only clash.
function reportLabelsUnused(value: unknown): CheckIssue[] {
  if (!isObjectLike(value)) return [];
  return REPORT_PARAMETER_LABELS.filter((label) => Object.hasOwn(value, label)).map((label) => ({
    at: [label],
    message: 'is set on each trial by the sweep (reporting)',
  }));
}

function reportParametersFree(value: unknown, sweep: Readonly<Record<string, unknown>>): CheckIssue[] {
  if (sweep.reporting !== true || !isObjectLike(value) || !isObjectLike(value.training_job) || !isObjectLike(value.training_job.config)) return [];
  const given = value.training_job.config.parameter;
  if (!Array.isArray(given)) return [];
  return given.flatMap((p: unknown, index): CheckIssue[] =>
    isObjectLike(p) && (REPORT_PARAMETER_LABELS as readonly unknown[]).includes(p.label)
      ? [{ at: ['training_job', 'config', 'parameter', index, 'label'], message: 'is set on each trial by the sweep (reporting)' }]
      : [],
  );
}

function requiredOneOf(values: readonly string[]): CheckFn {
  const message = `must be ${values
    .slice(0, -1)
    .map((v) => `'${v}'`)
    .join(', ')} or '${values[values.length - 1]}'`;
  return (value) => {
    if (value === undefined) return [{ message: 'is required' }];
    return values.includes(value as string) ? [] : [{ message }];
  };
}

function requiredForRandom(value: unknown, sweep: Readonly<Record<string, unknown>>): CheckIssue[] {
  return value === undefined && (sweep.method === 'random' || sweep.method === 'bayes') ? [{ message: `is required for method '${sweep.method}'` }] : [];
}

function integerSchema(minimum: number, maximum: number) {
  return { type: 'integer', minimum, maximum };
}

function integerBetween(min: number, max: number): CheckFn {
  return (value) => {
    if (value === undefined) return [];
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max) return [];
    return [{ message: `must be an integer (a JSON number) from ${min} to ${max}` }];
  };
}

// Each trial gets `sweep_id` and `trial` on top of the template's labels, within the usual cap.
function trialLabelRoom(value: unknown): CheckIssue[] {
  if (!isObjectLike(value) || !isObjectLike(value.labels)) return [];
  const keys = Object.keys(value.labels);
  const issues: CheckIssue[] = keys
    .filter((key) => (TRIAL_LABEL_KEYS as readonly string[]).includes(key))
    .map((key) => ({ at: ['labels', key], message: 'is set on each trial by the sweep' }));
  const room = MAX_LABELS - TRIAL_LABEL_KEYS.length;
  if (keys.length > room) issues.push({ at: ['labels'], message: `must have at most ${room} entries (each trial adds ${TRIAL_LABEL_KEYS.join(' and ')})` });
  return issues;
}
