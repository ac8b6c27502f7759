import { Type, type Static } from '@sinclair/typebox';
import { JOB_STATUSES } from './job-status';
import type { TrainingJobBody } from './training-job-body';
import { DtoRef, IsoTime, Nullable, StringEnum, StringMap, Uuid } from './wire-types';

/**
 * What ModelArts told us about the job; null until the create call succeeded. A rerun knows its
 * ModelArts job from the start (it becomes a new version of it): until its create-version call
 * succeeded, `version_id` and the fields after it are null.
 */
export const ModelArtsRefSchema = Type.Object({
  job_id: Type.String(),
  version_id: Nullable(Type.String(), { description: 'null until the version exists (a rerun waiting for its create-version call)' }),
  version_name: Nullable(Type.String()),
  resource_id: Nullable(Type.String()),
  status: Nullable(Type.Integer({ description: 'raw ModelArts status code' })),
  status_name: Nullable(Type.String()),
  create_time: Nullable(IsoTime()),
  pre_version_id: Nullable(Type.String({ description: "the version this one was derived from (a rerun); null for a job's first version" })),
});
export type ModelArtsRef = Static<typeof ModelArtsRefSchema>;

/** Why the job failed, or the latest transient error while it waits for another attempt. */
export const JobErrorSchema = Type.Object({
  code: Type.String({ description: "a ModelArts error_code (`ModelArts.0103`) or jobgate's own (`jobgate.pending_timeout`)" }),
  message: Type.String(),
  retryable: Type.Boolean(),
});
export type JobError = Static<typeof JobErrorSchema>;

/** The job record as the API returns it and webhooks carry it. Times are ISO-8601 strings. */
export const JobRecordSchema = Type.Object({
  id: Uuid(),
  status: StringEnum(JOB_STATUSES),
  job_name: Type.String(),
  /** As accepted: what jobgate sends to ModelArts. */
  training_job: DtoRef<TrainingJobBody>('TrainingJobDto'),
  labels: StringMap(Type.String()),
  /** Within its team, higher is submitted first (then oldest); −100…100. */
  priority: Type.Integer(),
  /** The owning team's name; null for a job an operator created. */
  team: Nullable(Type.String()),
  webhook_url: Nullable(Type.String()),
  sweep_id: Nullable(Uuid()),
  rerun_of: Nullable(Uuid({ description: 'the job this one reruns as a new version of the same ModelArts job (POST /v1/jobs/{id}/rerun)' })),
  modelarts: Nullable(ModelArtsRefSchema),
  attempts: Type.Integer({ description: 'create calls made' }),
  error: Nullable(JobErrorSchema),
  created_at: IsoTime(),
  updated_at: IsoTime(),
  submitted_at: Nullable(IsoTime()),
  started_at: Nullable(IsoTime()),
  finished_at: Nullable(IsoTime()),
});
export type JobRecord = Static<typeof JobRecordSchema>;
