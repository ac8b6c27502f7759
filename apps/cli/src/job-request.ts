import { CliError, ExitCode } from './cli-error';

/** What the command line adds to (or overrides in) the file. */
export interface JobRequestOverrides {
  /** `--label` values; they win over the file's labels of the same key. */
  labels?: Record<string, string>;
  /** `--webhook-url`; wins over the file's `webhook_url`. */
  webhookUrl?: string;
}

/**
 * Builds a `POST /v1/jobs` body from a file holding either a full jobgate request
 * (`{training_job, labels?, webhook_url?}`) or a bare ModelArts training-job body — the shape the
 * ModelArts "Creating a Training Job" page shows, so its samples can be submitted as they are.
 * A file with a `training_job` key is a full request; anything else is a bare training job.
 */
export function toCreateJobRequest(document: Record<string, unknown>, overrides: JobRequestOverrides = {}): Record<string, unknown> {
  const request: Record<string, unknown> = isWrapped(document) ? { ...document } : { training_job: document };
  if (overrides.labels && Object.keys(overrides.labels).length > 0) request.labels = { ...fileLabels(request.labels), ...overrides.labels };
  if (overrides.webhookUrl !== undefined) request.webhook_url = overrides.webhookUrl;
  return request;
}

/** True for a full jobgate request; a bare ModelArts body never has a `training_job` field. */
export function isWrapped(document: Record<string, unknown>): boolean {
  return Object.prototype.hasOwnProperty.call(document, 'training_job');
}

/** Without --label the file's labels go as written, for jobgate to validate; merging needs an object. */
function fileLabels(labels: unknown): Record<string, unknown> {
  if (labels === undefined || labels === null) return {};
  if (typeof labels !== 'object' || Array.isArray(labels)) {
    throw new CliError('labels in the file must be an object of key: value strings', ExitCode.invalid);
  }
  return labels as Record<string, unknown>;
}
