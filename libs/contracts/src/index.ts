// Everything of the light entry point (`@jobgate/contracts/records`): status groups, record and request types.
export * from './records';

export { validateBody, validateCreateJobRequest, validateTrainingJob } from './validate';
export { RerunRequestDto, validateRerunRequest } from './rerun-request.dto';
export type { ValidationIssue, ValidationResult } from './validation-result';

export { CreateJobRequestDto, LABEL_KEY_PATTERN, MAX_LABELS, MAX_LABEL_VALUE_LENGTH, MAX_WEBHOOK_URL_LENGTH } from './create-job-request.dto';
export { TrainingJobDto, JOB_NAME_PATTERN, MAX_JOB_DESC_LENGTH, MAX_JOB_NAME_LENGTH } from './training-job.dto';
export { TrainingJobConfigDto } from './training-job-config.dto';
export { ParameterDto, MAX_PARAMETER_LABEL_LENGTH, MAX_PARAMETER_VALUE_LENGTH } from './parameter.dto';
export { DataSourceDto, DATA_SOURCE_TYPES } from './data-source.dto';
export { VolumeDto, NfsVolumeDto, HostPathVolumeDto } from './volume.dto';
export { MAX_BATCH_JOBS, MAX_COMMAND_LENGTH, MAX_CONFIG_PARAMETERS, MAX_ID_LENGTH, MAX_URL_LENGTH } from './limits';
export { MAX_JSON_DEPTH, MAX_JSON_OBJECT_KEYS } from './scan-json';
export { MAX_REPORTED_ISSUES } from './validation-result';
export { joinPath } from './json-path';
export type { PathSegment } from './json-path';

// Building blocks for other DTOs validated with validateBody (same messages, same null handling).
export { Check, firstFailing } from './check';
export type { CheckFn, CheckIssue } from './check';
export { BooleanField, EnumField, IdField, IntegerField, NestedArray, NestedObject, StringField } from './field-decorators';
export type { StringFieldOptions } from './field-decorators';

// JSON Schemas of the request DTOs, for the OpenAPI document.
export { contractSchemas } from './json-schemas';
export { SCHEMA_REF_PREFIX, schemaRef } from './schema-hint';
export type { JsonSchema, SchemaHint } from './schema-hint';

// Schemas of the records (TypeBox; each record's type is derived from its schema), for the OpenAPI document.
export { recordSchemas } from './record-schemas';
export { JobRecordSchema, ModelArtsRefSchema, JobErrorSchema } from './job-record';
export { JobBatchResultSchema } from './job-batch-record';
export { JobEventRecordSchema } from './job-event-record';
export { CreateAttemptRecordSchema, CREATE_ATTEMPT_OUTCOMES } from './create-attempt-record';
export { DeliveryRecordSchema, DeliveryAttemptRecordSchema, WebhookPayloadSchema, DELIVERY_STATUSES } from './delivery-record';
export { JobMetricsRecordSchema, ReportedMetricsSchema } from './job-metrics-record';
export type { MetricStep } from './job-metrics-record';
export { JobVersionRecordSchema } from './job-version-record';
export { LogPageSchema } from './log-page-record';
export { ResourceSpecRecordSchema, EngineRecordSchema, CatalogListSchema } from './account-catalog-record';
export { SweepTrialSchema, SweepRecordSchema, SweepSummarySchema, SweepDetailSchema } from './sweep-record';
export { PageSchema, ItemListSchema } from './list-envelope';
export { ProblemSchema, FieldProblemSchema } from './problem-record';
export { HealthSchema, ReadinessSchema } from './ops-record';

// Sweeps: request validation, expansion into trials, records, and job metrics.
export { validateCreateSweepRequest } from './sweep-validate';
export { CreateSweepRequestDto, SweepObjectiveDto } from './sweep-request.dto';
export {
  SWEEP_METHODS,
  RANDOM_DISTRIBUTIONS,
  OBJECTIVE_GOALS,
  MAX_SWEEP_TRIALS,
  MAX_SWEEP_PARALLEL,
  DEFAULT_SWEEP_PARALLEL,
  MAX_SWEEP_NAME_LENGTH,
  MAX_SWEEP_PARAMETERS,
  MAX_SWEEP_PLANNED_BYTES,
  MAX_SWEEP_SEED,
  SWEEP_PARAMETER_PATTERN,
  METRIC_NAME_PATTERN,
  MAX_METRICS,
  TRIAL_LABEL_KEYS,
} from './sweep-limits';
export { planSweep } from './sweep-plan';
export type { PlannedTrial, PlanSweepOptions } from './sweep-plan';
export type { TrialValues } from './sweep-grid';
export { mulberry32 } from './sweep-mulberry32';
export { proposeTrial, TPE_STARTUP_TRIALS } from './sweep-tpe';
export type { ProposeTrialOptions, TpeObservation } from './sweep-tpe';
export { randomTrials } from './sweep-random';
export { bestTrial } from './sweep-objective';
export { hideReportToken, HIDDEN_REPORT_TOKEN } from './report-token-mask';
export { shouldStopAtMedian } from './sweep-median-stop';
export type { CurvePoints, MedianStopOptions } from './sweep-median-stop';
export { ReportMetricsRequestDto, validateReportMetricsRequest, MAX_METRIC_STEP, MAX_METRIC_STEPS } from './job-metrics.dto';
export type { ReportMetricsRequest } from './job-metrics.dto';

// Teams: requests (validated) and records.
export {
  validateCreateTeamRequest,
  validateUpdateTeamRequest,
  validateCreateApiKeyRequest,
  CreateTeamRequestDto,
  UpdateTeamRequestDto,
  CreateApiKeyRequestDto,
  TEAM_NAME_PATTERN,
  MAX_TEAM_WEIGHT,
} from './team-request.dto';
export { TeamRecordSchema, ApiKeyRecordSchema, CreatedApiKeyRecordSchema, AuditEntryRecordSchema } from './team-record';
export { MIN_PRIORITY, MAX_PRIORITY } from './priority';
