import type { CheckFn, CheckIssue } from './check';
import { isObjectLike } from './json-path';

type Config = Readonly<Record<string, unknown>>;

/*
 * Rules of Table 3 that relate fields to each other. Each rule reports on the field a user has to
 * change, so two fields in conflict give one issue, not two.
 */

/** app_url and boot_file_url come together; both may be left out only for a built-in model (model_id). */
export function codeLocation(partner: 'app_url' | 'boot_file_url'): CheckFn {
  return (value, config) => {
    if (value !== undefined) return [];
    if (config[partner] !== undefined) return [{ message: `is required when ${partner} is given` }];
    return config.model_id === undefined ? [{ message: 'is required unless model_id is set' }] : [];
  };
}

// "Boot file of a training job, which needs to be stored in the code directory."
export function bootFileInsideApp(value: unknown, config: Config): CheckIssue[] {
  const appUrl = config.app_url;
  if (typeof value !== 'string' || typeof appUrl !== 'string' || appUrl === '') return [];
  const directory = appUrl.endsWith('/') ? appUrl : `${appUrl}/`;
  return value.startsWith(directory) && value.length > directory.length ? [] : [{ message: 'must be a file inside app_url' }];
}

export function requiredWith(partner: 'dataset_id' | 'dataset_version_id'): CheckFn {
  return (value, config) => (value === undefined && config[partner] !== undefined ? [{ message: `is required when ${partner} is given` }] : []);
}

/*
 * The three data input styles exclude each other. A conflict is reported on the style that comes
 * later in this order: data_url, dataset_id + dataset_version_id, data_source. The dataset pair
 * reports on dataset_id, or on dataset_version_id when that is the only one given.
 */
export function datasetConflict(field: 'dataset_id' | 'dataset_version_id'): CheckFn {
  return (value, config) => {
    const reportsForPair = field === 'dataset_id' || config.dataset_id === undefined;
    if (value === undefined || !reportsForPair || config.data_url === undefined) return [];
    return [{ message: 'must not be combined with data_url' }];
  };
}

export function dataSourceConflict(value: unknown, config: Config): CheckIssue[] {
  if (value === undefined) return [];
  const others = [];
  if (config.data_url !== undefined) others.push('data_url');
  if (config.dataset_id !== undefined || config.dataset_version_id !== undefined) others.push('dataset_id/dataset_version_id');
  return others.length > 0 ? [{ message: `must not be combined with ${others.join(' or ')}` }] : [];
}

/** Reported on the config itself: the three styles are alternatives, none of them is "the" missing field. */
export function oneDataInput(value: unknown): CheckIssue[] {
  if (!isObjectLike(value)) return [];
  const hasInput = value.data_url !== undefined || value.dataset_id !== undefined || value.dataset_version_id !== undefined || value.data_source !== undefined;
  return hasInput ? [] : [{ message: 'must have a data input: data_url, dataset_id with dataset_version_id, or data_source' }];
}

/**
 * Table 3 asks for spec_id (public pool) or pool_id (dedicated pool) and forbids both, yet every
 * sample sends both; ModelArts accepts that, so only "neither" is an error.
 */
export function resourceTarget(value: unknown): CheckIssue[] {
  if (!isObjectLike(value) || value.spec_id !== undefined || value.pool_id !== undefined) return [];
  return [{ message: 'must have spec_id (public pool) or pool_id (dedicated pool)' }];
}

/** Labels name the arguments; ModelArts would pass a repeated one twice with no defined winner. */
export function uniqueLabels(value: unknown): CheckIssue[] {
  if (!Array.isArray(value)) return [];
  const firstIndex = new Map<string, number>();
  const issues: CheckIssue[] = [];
  value.forEach((item: unknown, index) => {
    if (!isObjectLike(item) || typeof item.label !== 'string') return;
    const first = firstIndex.get(item.label);
    if (first === undefined) firstIndex.set(item.label, index);
    else issues.push({ at: [index, 'label'], message: `duplicates the label of parameter[${first}]` });
  });
  return issues;
}

/** Table 5: a volume is either an SFS Turbo mount or a host path. */
export function oneKindPerVolume(value: unknown): CheckIssue[] {
  if (!Array.isArray(value)) return [];
  const issues: CheckIssue[] = [];
  value.forEach((item: unknown, index) => {
    if (!isObjectLike(item)) return;
    if (item.nfs === undefined && item.host_path === undefined) {
      issues.push({ at: [index], message: 'must have exactly one of nfs or host_path' });
    } else if (item.nfs !== undefined && item.host_path !== undefined) {
      issues.push({ at: [index, 'host_path'], message: 'must not be combined with nfs' });
    }
  });
  return issues;
}
