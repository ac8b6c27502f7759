/*
 * Length limits where the ModelArts tables give none. They are generous for real values (OBS paths,
 * UUIDs, SWR image names) and keep a stored request small.
 */

/** OBS paths and SWR image URLs. */
export const MAX_URL_LENGTH = 1024;
/** Dataset, dataset-version, pool, workspace and SFS Turbo IDs (UUIDs and short names in practice). */
export const MAX_ID_LENGTH = 128;
/** `config.user_command`. */
export const MAX_COMMAND_LENGTH = 4096;
/** `config.parameter` items: each becomes a flag of the training command; hundreds is already odd. */
export const MAX_CONFIG_PARAMETERS = 256;
/** Jobs in one `POST /v1/jobs/batch`. */
export const MAX_BATCH_JOBS = 1_000;
