import { JSONSchema } from 'class-validator-jsonschema';
import { Check } from './check';
import { DataSourceDto } from './data-source.dto';
import { BooleanField, IdField, IntegerField, NestedArray, StringField } from './field-decorators';
import { MAX_COMMAND_LENGTH, MAX_CONFIG_PARAMETERS, MAX_ID_LENGTH, MAX_URL_LENGTH } from './limits';
import { ParameterDto } from './parameter.dto';
import {
  bootFileInsideApp,
  codeLocation,
  datasetConflict,
  dataSourceConflict,
  requiredWith,
  uniqueLabels,
  oneKindPerVolume,
} from './training-job-config.rules';
import type { TrainingJobConfig } from './training-job-body';
import { VolumeDto } from './volume.dto';

/**
 * Validates `config` (TrainingJobConfig, Table 3). Rules that need the whole config (one data input,
 * a resource target) sit on `TrainingJobDto.config`.
 */
@JSONSchema({
  description:
    'Rules across fields: exactly one data input (data_url | dataset_id + dataset_version_id | data_source); ' +
    'spec_id or pool_id; app_url and boot_file_url together (boot_file_url inside app_url) unless model_id is given; ' +
    'parameter labels unique; each volume is nfs or host_path.',
})
export class TrainingJobConfigDto implements TrainingJobConfig {
  // The upper bound is max_num of the chosen flavor, known only to ModelArts.
  @IntegerField({ required: true, min: 1 })
  worker_server_num!: number;

  @StringField({ max: MAX_URL_LENGTH })
  @Check('code-location', codeLocation('boot_file_url'))
  app_url?: string;

  @StringField({ max: MAX_URL_LENGTH })
  @Check('code-location', codeLocation('app_url'))
  @Check('inside-app', bootFileInsideApp)
  boot_file_url?: string;

  @NestedArray(() => ParameterDto, { maxItems: MAX_CONFIG_PARAMETERS })
  @Check('unique-labels', uniqueLabels)
  parameter?: ParameterDto[];

  @StringField({ max: MAX_URL_LENGTH })
  data_url?: string;

  @StringField({ max: MAX_ID_LENGTH })
  @Check('pair', requiredWith('dataset_version_id'))
  @Check('exclusive', datasetConflict('dataset_id'))
  dataset_id?: string;

  @StringField({ max: MAX_ID_LENGTH })
  @Check('pair', requiredWith('dataset_id'))
  @Check('exclusive', datasetConflict('dataset_version_id'))
  dataset_version_id?: string;

  @NestedArray(() => DataSourceDto, { minItems: 1 })
  @Check('exclusive', dataSourceConflict)
  data_source?: DataSourceDto[];

  @IdField()
  spec_id?: number | string;

  @StringField({ max: MAX_ID_LENGTH })
  pool_id?: string;

  @IdField()
  engine_id?: number | string;

  @IdField()
  model_id?: number | string;

  // The docs say these two are "left blank" by default, so an empty string is accepted.
  @StringField({ min: 0, max: MAX_URL_LENGTH })
  train_url?: string;

  @StringField({ min: 0, max: MAX_URL_LENGTH })
  log_url?: string;

  @StringField({ max: MAX_URL_LENGTH })
  user_image_url?: string;

  @StringField({ max: MAX_COMMAND_LENGTH })
  user_command?: string;

  @BooleanField()
  create_version?: boolean;

  @NestedArray(() => VolumeDto)
  @Check('one-kind', oneKindPerVolume)
  volumes?: VolumeDto[];
}
