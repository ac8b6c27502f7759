/*
 * Limits of a sweep request. They bound what one request can make jobgate store and submit, so a
 * typo in a search space cannot turn into a million ModelArts jobs.
 */

export const SWEEP_METHODS = ['grid', 'random', 'bayes'] as const;
export type SweepMethod = (typeof SWEEP_METHODS)[number];

export const RANDOM_DISTRIBUTIONS = ['uniform', 'log_uniform', 'int_uniform'] as const;
export type RandomDistribution = (typeof RANDOM_DISTRIBUTIONS)[number];

export const OBJECTIVE_GOALS = ['minimize', 'maximize'] as const;
export type ObjectiveGoal = (typeof OBJECTIVE_GOALS)[number];

/** Hard limit of trials per sweep, whatever `max_trials` says. */
export const MAX_SWEEP_TRIALS = 10_000;
/**
 * Trials × bytes of the template (as JSON): each trial stores a copy, so this bounds what one
 * request can make jobgate build and store. 10,000 trials of a 3 KB template fit.
 */
export const MAX_SWEEP_PLANNED_BYTES = 32 * 1024 * 1024;
/** `max_parallel`: 1 to this; default DEFAULT_SWEEP_PARALLEL. */
export const MAX_SWEEP_PARALLEL = 1_000;
export const DEFAULT_SWEEP_PARALLEL = 5;
export const MAX_SWEEP_NAME_LENGTH = 128;
/** Parameters one sweep may vary; far more than any search space that finishes. */
export const MAX_SWEEP_PARAMETERS = 64;
/** `seed` is a 32-bit unsigned integer: the state of the mulberry32 generator. */
export const MAX_SWEEP_SEED = 0xffff_ffff;

/**
 * A parameter label a sweep may set: it becomes a `config.parameter[].label` of every trial, which
 * ModelArts passes as a command-line flag or, with a custom image, as an environment variable, so
 * it is kept to an identifier-like name.
 */
export const SWEEP_PARAMETER_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
/** What the pattern allows, after "must be 1–64 characters". */
export const SWEEP_PARAMETER_PATTERN_TEXT = "of letters, digits, '_', '.' or '-', starting with a letter or '_'";

/** Metric names (`POST /v1/jobs/{id}/metrics` keys, `objective.metric`) follow the same rule. */
export const METRIC_NAME_PATTERN = SWEEP_PARAMETER_PATTERN;
export const MAX_METRICS = 100;

/** Parameters a sweep with `reporting: true` writes into each trial's `config.parameter`. */
export const REPORT_PARAMETER_LABELS = ['jobgate_report_url', 'jobgate_report_token'] as const;

export const EARLY_STOPPING_TYPES = ['median'] as const;
export type EarlyStoppingType = (typeof EARLY_STOPPING_TYPES)[number];

/** Labels every trial gets from its sweep; a template must leave them free. */
export const TRIAL_LABEL_KEYS = ['sweep_id', 'trial'] as const;
