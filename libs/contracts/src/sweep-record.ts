import { Type, type Static } from '@sinclair/typebox';
import type { CreateJobRequest } from './create-job-request';
import { JOB_STATUSES } from './job-status';
import { SWEEP_METHODS } from './sweep-limits';
import type { EarlyStopping, ParameterSpec, SweepObjective } from './sweep-request';
import { SWEEP_STATUSES } from './sweep-status';
import { ComponentRef, DtoRef, IsoTime, KeyedObject, Nullable, StringEnum, StringMap, Uuid } from './wire-types';

/** One trial as a sweep shows it; the full job is at `/v1/jobs/{id}`. */
export const SweepTrialSchema = Type.Object({
  /** The trial's job id. */
  id: Uuid(),
  /** 1-based trial number, also the job name's suffix. */
  trial: Type.Integer(),
  job_name: Type.String(),
  /** The values this trial tries, as written into `config.parameter`. */
  parameters: StringMap(Type.String()),
  status: StringEnum(JOB_STATUSES),
  /** Final metrics reported with `POST /v1/jobs/{id}/metrics`; null until then. */
  metrics: Nullable(StringMap(Type.Number())),
  /** Stopped by median stopping: it ended `canceled`, its stop requested by the median rule. */
  early_stopped: Type.Boolean(),
});
export type SweepTrial = Static<typeof SweepTrialSchema>;

/** The sweep record as the API returns it (create, list). Times are ISO-8601 strings. */
export const SweepRecordSchema = Type.Object({
  id: Uuid(),
  name: Type.String(),
  /** The owning team's name; null for a sweep an operator created. */
  team: Nullable(Type.String()),
  /** The trials' priority within the team. */
  priority: Type.Integer(),
  status: StringEnum(SWEEP_STATUSES),
  method: StringEnum(SWEEP_METHODS),
  parameters: DtoRef<Record<string, ParameterSpec>>('CreateSweepRequestDto/properties/parameters'),
  template: DtoRef<CreateJobRequest>('CreateJobRequestDto'),
  trial_count: Type.Integer(),
  max_parallel: Type.Integer(),
  /** null: no limit. */
  max_failed_trials: Nullable(Type.Integer()),
  /** The seed random trials were drawn with; null for a grid sweep given none. */
  seed: Nullable(Type.Integer()),
  objective: Nullable(DtoRef<SweepObjective>('SweepObjectiveDto')),
  /** Each trial gets its report URL and token in `config.parameter`. */
  reporting: Type.Boolean(),
  // A component of its own: a $ref into the request's optional property would type it `| undefined` in generated clients.
  early_stopping: Nullable(DtoRef<EarlyStopping>('EarlyStopping')),
  /** Trials per job status, every status present. */
  counts: KeyedObject(JOB_STATUSES, Type.Integer(), { description: 'trials per job status' }),
  /** Trials median stopping stopped (ended `canceled`): among `counts.canceled`, never among failures. */
  early_stopped: Type.Integer(),
  created_at: IsoTime(),
  updated_at: IsoTime(),
  finished_at: Nullable(IsoTime()),
});
export type SweepRecord = Static<typeof SweepRecordSchema>;

/** What a finished sweep reports (the `sweep.completed` webhook's data). */
export const SweepSummarySchema = Type.Object({
  ...SweepRecordSchema.properties,
  /** By `objective`; null without one or before any trial reported the metric. */
  best_trial: Nullable(ComponentRef('SweepTrial', SweepTrialSchema)),
});
export type SweepSummary = Static<typeof SweepSummarySchema>;

/**
 * `GET /v1/sweeps/{id}`: counts and the best trial, never the trials themselves (a sweep may have
 * 10,000); they are paged at `GET /v1/sweeps/{id}/trials`.
 */
export const SweepDetailSchema = Type.Object(
  { ...SweepSummarySchema.properties },
  { description: 'counts and best trial; the trials are paged at /v1/sweeps/{id}/trials' },
);
export type SweepDetail = Static<typeof SweepDetailSchema>;

/** A client's view of a sweep with the trials it paged in (the CLI and the dashboard assemble it). */
export type SweepWithTrials = SweepDetail & { trials: SweepTrial[] };

/** `GET /v1/sweeps/{id}/trials`: the most trials one page holds (default 100). */
export const MAX_TRIAL_PAGE = 1000;
