import type { StoredJob } from './state';
import { durationAt, startTimeAt, statusAt } from './timeline';

/** One `jobs[]` row of the list call (reference §2.2); one version per job, so version_count is 1. */
export interface JobListItem {
  job_id: number;
  job_name: string;
  version_id: number;
  status: number;
  create_time: number;
  duration: number;
  job_desc: string;
  version_count: number;
}

export function toListItem(job: StoredJob, now: number): JobListItem {
  return {
    job_id: job.job_id,
    job_name: job.job_name,
    version_id: job.version_id,
    status: statusAt(job.plan, now),
    create_time: job.create_time,
    duration: durationAt(job.plan, now),
    job_desc: job.job_desc,
    version_count: 1,
  };
}

// Config fields the detail call echoes back (reference §2.3); only those the create call sent.
const ECHOED_CONFIG_FIELDS = [
  'app_url',
  'boot_file_url',
  'data_url',
  'train_url',
  'log_url',
  'dataset_id',
  'dataset_version_id',
  'spec_id',
  'model_id',
  'pool_id',
  'worker_server_num',
  'user_image_url',
  'user_command',
] as const;

/** Version detail (reference §2.3), without the `is_success` envelope. */
export function toVersionDetail(job: StoredJob, now: number): Record<string, unknown> {
  const echoed = Object.fromEntries(ECHOED_CONFIG_FIELDS.filter((f) => job.config[f] !== undefined).map((f) => [f, job.config[f]]));
  return {
    job_id: job.job_id,
    job_name: job.job_name,
    job_desc: job.job_desc,
    version_id: job.version_id,
    version_name: 'V0001',
    pre_version_id: 0,
    status: statusAt(job.plan, now),
    create_time: job.create_time,
    start_time: startTimeAt(job.plan, now),
    duration: durationAt(job.plan, now),
    // The doc says engine_id defaults to 1 when the create call leaves it out.
    engine_id: job.config.engine_id ?? 1,
    ...echoed,
    parameter: job.config.parameter ?? [],
    data_source: job.config.data_source ?? [],
    volumes: job.config.volumes ?? [],
    resource_id: job.resource_id,
  };
}
