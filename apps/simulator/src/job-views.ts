import { latestVersion, type StoredJob, type StoredVersion } from './state';
import { durationAt, startTimeAt, statusAt } from './timeline';

/**
 * One `jobs[]` row of the list call (reference §2.2): the job's identity and create time with its
 * latest version's id, status and duration (§7: "the row describes the job's current version").
 */
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
  const latest = latestVersion(job);
  return {
    job_id: job.job_id,
    job_name: job.job_name,
    version_id: latest.version_id,
    status: statusAt(latest.plan, now),
    create_time: job.create_time,
    duration: durationAt(latest.plan, now),
    job_desc: job.job_desc,
    version_count: job.versions.length,
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
export function toVersionDetail(job: StoredJob, version: StoredVersion, now: number): Record<string, unknown> {
  const { config } = version;
  const echoed = Object.fromEntries(ECHOED_CONFIG_FIELDS.filter((f) => config[f] !== undefined).map((f) => [f, config[f]]));
  return {
    job_id: job.job_id,
    job_name: job.job_name,
    job_desc: version.job_desc,
    version_id: version.version_id,
    version_name: version.version_name,
    pre_version_id: version.pre_version_id,
    status: statusAt(version.plan, now),
    create_time: version.create_time,
    start_time: startTimeAt(version.plan, now),
    duration: durationAt(version.plan, now),
    // The doc says engine_id defaults to 1 when the create call leaves it out.
    engine_id: config.engine_id ?? 1,
    ...echoed,
    parameter: config.parameter ?? [],
    data_source: config.data_source ?? [],
    volumes: config.volumes ?? [],
    resource_id: version.resource_id,
  };
}
