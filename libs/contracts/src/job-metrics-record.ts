import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringMap, Uuid } from './wire-types';

/** One point of a learning curve. */
const MetricStepSchema = Type.Object({
  step: Type.Integer(),
  metrics: StringMap(Type.Number()),
});
export type MetricStep = Static<typeof MetricStepSchema>;

/** `GET /v1/jobs/{id}/metrics`: a job's final metrics (null until reported) and its learning curve. */
export const JobMetricsRecordSchema = Type.Object({
  job_id: Uuid(),
  metrics: Nullable(StringMap(Type.Number())),
  /** Every reported step, in step order. */
  steps: Type.Array(MetricStepSchema),
});
export type JobMetricsRecord = Static<typeof JobMetricsRecordSchema>;

/** `GET /v1/sweeps/{id}/curves`: each trial's learning curve of one metric (the objective's by default). */
export const SweepCurvesSchema = Type.Object({
  sweep_id: Uuid(),
  /** null: the sweep has no objective and no `metric` was asked for. */
  metric: Nullable(Type.String()),
  /** Trials that reported the metric at some step, in trial order. */
  curves: Type.Array(
    Type.Object({
      job_id: Uuid(),
      trial: Type.Integer(),
      points: Type.Array(Type.Object({ step: Type.Integer(), value: Type.Number() })),
    }),
  ),
});
export type SweepCurves = Static<typeof SweepCurvesSchema>;

/** `POST /v1/jobs/{id}/report-token`: the job's new report token, shown only in this answer. */
export const ReportTokenRecordSchema = Type.Object({
  job_id: Uuid(),
  /** `jgr_…`: send it as `Authorization: Bearer <token>`. */
  report_token: Type.String(),
});
export type ReportTokenRecord = Static<typeof ReportTokenRecordSchema>;

/** `POST /v1/jobs/{id}/metrics`: what was recorded; `step` null for final metrics. */
export const ReportedMetricsSchema = Type.Object({
  job_id: Uuid(),
  step: Nullable(Type.Integer()),
  metrics: StringMap(Type.Number()),
});
export type ReportedMetrics = Static<typeof ReportedMetricsSchema>;
