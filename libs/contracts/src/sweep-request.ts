import type { CreateJobRequest } from './create-job-request';
import type { ObjectiveGoal, RandomDistribution, SweepMethod } from './sweep-limits';

/** A list of values to try, each written into `config.parameter` as a string. */
export interface ValuesSpec {
  values: Array<string | number | boolean>;
}

/** A numeric range: stepped for `grid` (`step` required), drawn from `distribution` for `random`. */
export interface RangeSpec {
  min: number;
  max: number;
  step?: number;
  /** `random` only; default `uniform`. */
  distribution?: RandomDistribution;
}

export type ParameterSpec = ValuesSpec | RangeSpec;

export interface SweepObjective {
  metric: string;
  goal: ObjectiveGoal;
}

/** The body of `POST /v1/sweeps`. `template` is a `POST /v1/jobs` body that each trial varies. */
export interface CreateSweepRequest {
  name: string;
  template: CreateJobRequest;
  method: SweepMethod;
  parameters: Record<string, ParameterSpec>;
  /** Required for `random`; for `grid` a cap (a larger grid is refused). Never above MAX_SWEEP_TRIALS. */
  max_trials?: number;
  /** Trials released into ModelArts at once, 1–MAX_SWEEP_PARALLEL; default DEFAULT_SWEEP_PARALLEL (5). */
  max_parallel?: number;
  /** Releases stop once more trials than this have failed; default: no limit. */
  max_failed_trials?: number;
  /** The trials' priority within the team (−100…100, default 0); a template's own priority is ignored. */
  priority?: number;
  /** `random` only; chosen and stored by jobgate when absent, so every sweep can be repeated. */
  seed?: number;
  objective?: SweepObjective;
}
