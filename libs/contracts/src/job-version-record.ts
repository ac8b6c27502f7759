import { Type, type Static } from '@sinclair/typebox';
import { JOB_STATUSES } from './job-status';
import { IsoTime, Nullable, StringEnum, Uuid } from './wire-types';

/**
 * One version of a job's ModelArts job, as jobgate followed it (`GET /v1/jobs/{id}/versions`): the
 * job itself and every rerun of it, each a jobgate record of its own, oldest first.
 */
export const JobVersionRecordSchema = Type.Object({
  /** The jobgate record of this version. */
  id: Uuid(),
  status: StringEnum(JOB_STATUSES),
  rerun_of: Nullable(Uuid()),
  /** null until the version exists in ModelArts. */
  version_id: Nullable(Type.String()),
  version_name: Nullable(Type.String()),
  pre_version_id: Nullable(Type.String()),
  modelarts_status: Nullable(Type.Integer()),
  created_at: IsoTime(),
});
export type JobVersionRecord = Static<typeof JobVersionRecordSchema>;
