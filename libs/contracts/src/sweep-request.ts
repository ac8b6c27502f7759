import type { CreateJobRequest } from './create-job-request';
import type { EarlyStoppingType, ObjectiveGoal, RandomDistribution, SweepMethod } from './sweep-limits';

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

/**
 * Median stopping (Katib's medianstop, Optuna's MedianPruner): from `start_step` on, a running trial
 * whose best objective so far is worse than the median of the other trials' running averages at
 * that step is stopped, once `min_trials` other trials have reported that step.
 */
export interface EarlyStopping {
  type: EarlyStoppingType;
  /** Other trials that must have reached the step before any trial is judged there; default 5. */
  min_trials?: number;
  /** No trial is stopped before this step; default 3. */
  start_step?: number;
}

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
  /** `random` and `bayes`; chosen and stored by jobgate when absent, so every sweep can be repeated. */
  seed?: number;
  /** Required for `bayes`, which learns from it, and for `early_stopping`. */
  objective?: SweepObjective;
  /**
   * Each trial gets `jobgate_report_url` and `jobgate_report_token` in its `config.parameter`: the
   * URL of its own `POST /v1/jobs/{id}/metrics` and a token that may call nothing else.
   */
  reporting?: boolean;
  early_stopping?: EarlyStopping;
}
