import { Check, firstFailing, type CheckFn, type CheckIssue } from './check';
import { CreateJobRequestDto, MAX_LABELS } from './create-job-request.dto';
import { NestedObject, StringField } from './field-decorators';
import { isObjectLike } from './json-path';
import { checkParameters, PARAMETERS_SCHEMA } from './sweep-parameters.rules';
import {
  MAX_SWEEP_NAME_LENGTH, MAX_SWEEP_PARALLEL, MAX_SWEEP_SEED, MAX_SWEEP_TRIALS, METRIC_NAME_PATTERN,
  OBJECTIVE_GOALS, SWEEP_METHODS, SWEEP_PARAMETER_PATTERN_TEXT, TRIAL_LABEL_KEYS,
  type ObjectiveGoal, type SweepMethod,
} from './sweep-limits';
import type { CreateSweepRequest, ParameterSpec, SweepObjective } from './sweep-request';
import { PriorityField } from './priority';

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
  template!: CreateJobRequestDto;

  @Check('method', requiredOneOf(SWEEP_METHODS), { schema: { type: 'string', enum: [...SWEEP_METHODS] }, required: true })
  method!: SweepMethod;

  @Check('parameters', checkParameters, { schema: PARAMETERS_SCHEMA, required: true })
  parameters!: Record<string, ParameterSpec>;

  // Required for `random`: a rule across fields, which the schema leaves to the description.
  @Check('max-trials', firstFailing(requiredForRandom, integerBetween(1, MAX_SWEEP_TRIALS)), {
    schema: { ...integerSchema(1, MAX_SWEEP_TRIALS), description: "required for method 'random'" },
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
  objective?: SweepObjectiveDto;
}

function requiredOneOf(values: readonly string[]): CheckFn {
  const message = `must be ${values.slice(0, -1).map((v) => `'${v}'`).join(', ')} or '${values[values.length - 1]}'`;
  return (value) => {
    if (value === undefined) return [{ message: 'is required' }];
    return values.includes(value as string) ? [] : [{ message }];
  };
}

function requiredForRandom(value: unknown, sweep: Readonly<Record<string, unknown>>): CheckIssue[] {
  return value === undefined && sweep.method === 'random' ? [{ message: "is required for method 'random'" }] : [];
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
