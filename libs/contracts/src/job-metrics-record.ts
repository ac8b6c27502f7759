import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringMap, Uuid } from './wire-types';

/** `GET` and `POST /v1/jobs/{id}/metrics`: a job's final metrics, null until reported. */
export const JobMetricsRecordSchema = Type.Object({
  job_id: Uuid(),
  metrics: Nullable(StringMap(Type.Number())),
});
export type JobMetricsRecord = Static<typeof JobMetricsRecordSchema>;
