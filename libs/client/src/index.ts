/*
 * @jobgate/client: jobgate's HTTP API, typed from its OpenAPI document. `paths`, `operations`,
 * `webhooks` and the record types come from schema.ts (generated: `npm run generate:client`); the
 * only code that runs is openapi-fetch's.
 */
export { createJobgateClient } from './create-jobgate-client';
export type { JobgateClient, JobgateClientOptions } from './create-jobgate-client';
export type { paths, operations, webhooks, components } from './schema';
export type {
  ApiKey,
  ApiKeyList,
  AttemptList,
  AuditEntry,
  AuditLog,
  CreateApiKeyRequestDto,
  CreateJobRequestDto,
  CreateSweepRequestDto,
  CreateTeamRequestDto,
  CreatedApiKey,
  Delivery,
  DeliveryList,
  EngineList,
  Health,
  JobBatchResult,
  JobEventList,
  JobList,
  JobMetrics,
  JobRecord,
  JobVersionList,
  LogPage,
  Problem,
  Readiness,
  ReportMetricsRequestDto,
  ReportToken,
  ReportedMetrics,
  RerunRequestDto,
  ResourceSpecList,
  SweepCurves,
  SweepDetail,
  SweepList,
  SweepRecord,
  SweepSummary,
  SweepTrial,
  SweepTrialList,
  TeamList,
  TeamRecord,
  UpdateTeamRequestDto,
} from './schema';
export type { WebhookEvent, WebhookType } from './webhook-event';
