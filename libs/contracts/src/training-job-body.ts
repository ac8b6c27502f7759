/*
 * The body of ModelArts' `POST /v1/{project_id}/training-jobs` as jobgate accepts, stores and
 * forwards it: the plain shape of TrainingJobDto and the DTOs it nests (each `implements` its
 * interface here, so the two cannot part). Plain types only, for the light entry point.
 */

/** `training_job`: what jobgate sends to ModelArts, unchanged. */
export interface TrainingJobBody {
  job_name: string;
  /** ModelArts default: empty. */
  job_desc?: string;
  /** ModelArts default: "0", the default workspace. */
  workspace_id?: string;
  config: TrainingJobConfig;
}

/**
 * `config` of a create-training-job request (Table 3), plus `model_id`, which every sample sends
 * although the table omits it.
 */
export interface TrainingJobConfig {
  worker_server_num: number;
  app_url?: string;
  boot_file_url?: string;
  parameter?: Parameter[];
  data_url?: string;
  dataset_id?: string;
  dataset_version_id?: string;
  data_source?: DataSource[];
  /** ModelArts types the IDs as Long: numbers and numeric strings are both accepted and kept as given. */
  spec_id?: number | string;
  pool_id?: string;
  engine_id?: number | string;
  model_id?: number | string;
  train_url?: string;
  log_url?: string;
  user_image_url?: string;
  user_command?: string;
  create_version?: boolean;
  volumes?: Volume[];
}

/** One run argument (Table 8). With a custom image ModelArts passes it as an environment variable. */
export interface Parameter {
  label: string;
  value: string;
}

/** One `config.data_source[]` item (Table 4): an OBS path, or a dataset with its version. */
export interface DataSource {
  dataset_id?: string;
  dataset_version?: string;
  type?: 'obs' | 'dataset';
  data_url?: string;
}

/** One `config.volumes[]` item (Table 5): exactly one of `nfs` or `host_path`. */
export interface Volume {
  nfs?: NfsVolume;
  host_path?: HostPathVolume;
}

/** Host directory mount (Table 7); only for dedicated pools. */
export interface HostPathVolume {
  src_path: string;
  dest_path: string;
  /** ModelArts default: false. */
  read_only?: boolean;
}

/** SFS Turbo mount (Table 6): a host-path volume plus the file system's id; only for pools connected to an SFS network. */
export interface NfsVolume extends HostPathVolume {
  id: string;
}
