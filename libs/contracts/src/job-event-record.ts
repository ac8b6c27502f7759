import { Type, type Static } from '@sinclair/typebox';
import { JOB_STATUSES } from './job-status';
import { IsoTime, Nullable, StringEnum } from './wire-types';

/** One status change of a job (`GET /v1/jobs/{id}/events`, oldest first: its timeline). */
export const JobEventRecordSchema = Type.Object({
  at: IsoTime(),
  /** null for the first event, when the job was accepted. */
  from_status: Nullable(StringEnum(JOB_STATUSES)),
  to_status: StringEnum(JOB_STATUSES),
  /** The ModelArts status code the job had at the change, when it had one. */
  modelarts_status: Nullable(Type.Integer()),
  /** Why: `accepted`, `slot claimed`, `ModelArts status 8 JOBSTAT_RUNNING`, an error code… */
  reason: Nullable(Type.String()),
});
export type JobEventRecord = Static<typeof JobEventRecordSchema>;
