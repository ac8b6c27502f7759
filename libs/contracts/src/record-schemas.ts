import { Type, type TSchema } from '@sinclair/typebox';
import { CatalogListSchema, EngineRecordSchema, ResourceSpecRecordSchema } from './account-catalog-record';
import { CreateAttemptRecordSchema } from './create-attempt-record';
import { DeliveryRecordSchema } from './delivery-record';
import { JobEventRecordSchema } from './job-event-record';
import { JobMetricsRecordSchema, ReportedMetricsSchema, ReportTokenRecordSchema, SweepCurvesSchema } from './job-metrics-record';
import { JobBatchResultSchema } from './job-batch-record';
import { JobRecordSchema } from './job-record';
import { JobVersionRecordSchema } from './job-version-record';
import { ItemListSchema, PageSchema } from './list-envelope';
import { LogPageSchema } from './log-page-record';
import { HealthSchema, ReadinessSchema } from './ops-record';
import { ProblemSchema } from './problem-record';
import type { JsonSchema } from './schema-hint';
import { EARLY_STOPPING_SCHEMA } from './sweep-request.dto';
import { SweepDetailSchema, SweepRecordSchema, SweepSummarySchema, SweepTrialSchema } from './sweep-record';
import { ApiKeyRecordSchema, AuditEntryRecordSchema, CreatedApiKeyRecordSchema, TeamRecordSchema } from './team-record';
import { ComponentRef } from './wire-types';

/**
 * What the API answers, by the names the OpenAPI document gives them (its `components.schemas`,
 * next to contractSchemas()' request DTOs). They are the schemas the record types are derived from,
 * so the document cannot describe a field the type lacks, or the reverse.
 */
const RECORDS: Record<string, TSchema> = {
  JobRecord: JobRecordSchema,
  JobList: PageSchema(ComponentRef('JobRecord', JobRecordSchema)),
  JobBatchResult: JobBatchResultSchema,
  JobEventList: ItemListSchema(JobEventRecordSchema),
  AttemptList: ItemListSchema(CreateAttemptRecordSchema),
  JobMetrics: JobMetricsRecordSchema,
  JobVersionList: ItemListSchema(JobVersionRecordSchema),
  LogPage: LogPageSchema,
  ResourceSpecList: CatalogListSchema(ResourceSpecRecordSchema),
  EngineList: CatalogListSchema(EngineRecordSchema),
  ReportedMetrics: ReportedMetricsSchema,
  ReportToken: ReportTokenRecordSchema,
  SweepCurves: SweepCurvesSchema,
  SweepTrial: SweepTrialSchema,
  EarlyStopping: Type.Unsafe(EARLY_STOPPING_SCHEMA),
  SweepRecord: SweepRecordSchema,
  SweepSummary: SweepSummarySchema,
  SweepDetail: SweepDetailSchema,
  SweepList: PageSchema(ComponentRef('SweepRecord', SweepRecordSchema)),
  SweepTrialList: PageSchema(ComponentRef('SweepTrial', SweepTrialSchema)),
  Delivery: DeliveryRecordSchema,
  DeliveryList: ItemListSchema(ComponentRef('Delivery', DeliveryRecordSchema)),
  Problem: ProblemSchema,
  TeamRecord: TeamRecordSchema,
  TeamList: ItemListSchema(ComponentRef('TeamRecord', TeamRecordSchema)),
  ApiKey: ApiKeyRecordSchema,
  ApiKeyList: ItemListSchema(ComponentRef('ApiKey', ApiKeyRecordSchema)),
  CreatedApiKey: CreatedApiKeyRecordSchema,
  AuditEntry: AuditEntryRecordSchema,
  AuditLog: PageSchema(ComponentRef('AuditEntry', AuditEntryRecordSchema)),
  Health: HealthSchema,
  Readiness: ReadinessSchema,
};

/** The record schemas as plain JSON Schema (TypeBox's symbol keys dropped), keyed by component name. */
export function recordSchemas(): Record<string, JsonSchema> {
  return JSON.parse(JSON.stringify(RECORDS)) as Record<string, JsonSchema>;
}
