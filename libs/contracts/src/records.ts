/*
 * `@jobgate/contracts/records`: the wire shapes of jobgate's API and every status group, for code
 * that must not load class-validator and reflect-metadata (the dashboard's browser bundle, the CLI).
 * Values here are plain arrays and predicates; records are exported as types only, so this entry
 * loads nothing else at run time. Their JSON Schemas come with the main entry (recordSchemas()).
 */

export {
  JOB_STATUSES,
  TERMINAL_STATUSES,
  WAITING_STATUSES,
  SUBMISSION_STATUSES,
  ACTIVE_STATUSES,
  POLLED_STATUSES,
  STOPPABLE_STATUSES,
  SWEEP_SLOT_STATUSES,
  CANCELABLE_STATUSES,
  isTerminal,
  isWaiting,
  isActive,
  isPolled,
  holdsSweepSlot,
  isCancelable,
} from './job-status';
export type { JobStatus, TerminalStatus } from './job-status';
export { SWEEP_STATUSES, OPEN_SWEEP_STATUSES, FINISHED_SWEEP_STATUSES, isOpenSweep, isFinishedSweep } from './sweep-status';
export type { SweepStatus, FinishedSweepStatus } from './sweep-status';

export type { JobRecord, ModelArtsRef, JobError } from './job-record';
export type { JobEventRecord } from './job-event-record';
export type { CreateAttemptRecord, CreateAttemptOutcome } from './create-attempt-record';
export type { DeliveryRecord, DeliveryAttemptRecord, DeliveryStatus, WebhookPayload } from './delivery-record';
export type { JobMetricsRecord, MetricStep, ReportedMetrics, ReportTokenRecord, SweepCurves } from './job-metrics-record';
export type { JobBatchResult } from './job-batch-record';
export type { JobVersionRecord } from './job-version-record';
export type { LogPage } from './log-page-record';
export type { ResourceSpecRecord, EngineRecord, CatalogList } from './account-catalog-record';
export type { SweepTrial, SweepRecord, SweepSummary, SweepDetail, SweepWithTrials } from './sweep-record';
export { MAX_TRIAL_PAGE } from './sweep-record';
export type { Page, ItemList } from './list-envelope';
export type { Problem, FieldProblem } from './problem-record';
export type { Health, Readiness } from './ops-record';
export { WEBHOOK_EVENTS } from './webhook-event-types';
export type { WebhookType } from './webhook-event-types';

// Request bodies, as plain types (their validating DTOs are in the main entry).
export type { TrainingJobBody, TrainingJobConfig, Parameter, DataSource, Volume, NfsVolume, HostPathVolume } from './training-job-body';
export type { CreateJobRequest } from './create-job-request';
export type { RerunRequest } from './rerun-request';
export type { CreateSweepRequest, ParameterSpec, RangeSpec, ValuesSpec, SweepObjective, EarlyStopping } from './sweep-request';
export type { SweepMethod, RandomDistribution, ObjectiveGoal } from './sweep-limits';
export type { TeamRecord, ApiKeyRecord, CreatedApiKeyRecord, AuditEntryRecord } from './team-record';
export type { CreateTeamRequest, UpdateTeamRequest, CreateApiKeyRequest } from './team-request';
