import { JSONSchema } from 'class-validator-jsonschema';
import { Check, type CheckFn } from './check';
import { EnumField, StringField } from './field-decorators';
import { MAX_ID_LENGTH, MAX_URL_LENGTH } from './limits';
import type { DataSource } from './training-job-body';

export const DATA_SOURCE_TYPES = ['obs', 'dataset'] as const;

@JSONSchema({ description: "Either data_url (type 'obs') or dataset_id + dataset_version (type 'dataset')." })
export class DataSourceDto implements DataSource {
  @StringField({ max: MAX_ID_LENGTH })
  @Check('pair', requiredWith('dataset_version'))
  @Check('needed-for-type', requiredForDatasetType)
  dataset_id?: string;

  @StringField({ max: MAX_ID_LENGTH })
  @Check('pair', requiredWith('dataset_id'))
  dataset_version?: string;

  @EnumField(DATA_SOURCE_TYPES)
  @Check('matches-input', typeMatchesInput)
  type?: 'obs' | 'dataset';

  @StringField({ max: MAX_URL_LENGTH })
  @Check('exclusive', dataUrlAlone)
  @Check('needed', dataUrlNeeded)
  data_url?: string;
}

function requiredWith(partner: keyof DataSource): CheckFn {
  return (value, item) => (value === undefined && item[partner] !== undefined ? [{ message: `is required when ${partner} is given` }] : []);
}

// An item without any input: the missing field follows the declared type, data_url by default.
function requiredForDatasetType(value: unknown, item: Readonly<Record<string, unknown>>) {
  if (value !== undefined || item.type !== 'dataset' || hasDataset(item) || item.data_url !== undefined) return [];
  return [{ message: "is required, with dataset_version, when type is 'dataset'" }];
}

function dataUrlNeeded(value: unknown, item: Readonly<Record<string, unknown>>) {
  if (value !== undefined || hasDataset(item) || item.type === 'dataset') return [];
  const message = item.type === 'obs' ? "is required when type is 'obs'" : 'is required unless dataset_id and dataset_version are given';
  return [{ message }];
}

function dataUrlAlone(value: unknown, item: Readonly<Record<string, unknown>>) {
  return value !== undefined && hasDataset(item) ? [{ message: 'must not be combined with dataset_id or dataset_version' }] : [];
}

function typeMatchesInput(value: unknown, item: Readonly<Record<string, unknown>>) {
  if (value === 'obs' && hasDataset(item)) return [{ message: "must be 'dataset' when dataset_id or dataset_version is given" }];
  if (value === 'dataset' && item.data_url !== undefined) return [{ message: "must be 'obs' when data_url is given" }];
  return [];
}

function hasDataset(item: Readonly<Record<string, unknown>>): boolean {
  return item.dataset_id !== undefined || item.dataset_version !== undefined;
}
