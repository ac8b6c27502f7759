import type { TrainingJobBody } from './training-job-body';

/** What a job record shows in place of its report token (the owner can rotate it for a new one). */
export const HIDDEN_REPORT_TOKEN = '[hidden]';

/**
 * The record without the report token a sweep wrote into its `config.parameter`: the token goes to
 * ModelArts and the training code, while records (API answers, webhooks) show it to no one, so it is
 * seen only where it is used or when `POST /v1/jobs/{id}/report-token` issues a new one.
 */
export function hideReportToken<T extends { training_job: TrainingJobBody }>(record: T): T {
  const parameter = record.training_job.config.parameter;
  if (!parameter?.some((p) => p.label === 'jobgate_report_token')) return record;
  const hidden = parameter.map((p) => (p.label === 'jobgate_report_token' ? { label: p.label, value: HIDDEN_REPORT_TOKEN } : p));
  return { ...record, training_job: { ...record.training_job, config: { ...record.training_job.config, parameter: hidden } } };
}
