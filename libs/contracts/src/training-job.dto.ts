import { Check } from './check';
import { NestedObject, StringField } from './field-decorators';
import { MAX_ID_LENGTH } from './limits';
import type { TrainingJobBody } from './training-job-body';
import { TrainingJobConfigDto } from './training-job-config.dto';
import { oneDataInput, resourceTarget } from './training-job-config.rules';

/** Table 2: "1 to 64 characters consisting of only digits, letters, underscores (_), and hyphens (-)". */
export const JOB_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;
export const MAX_JOB_NAME_LENGTH = 64;
export const MAX_JOB_DESC_LENGTH = 256;

/** Validates a TrainingJobBody: the body of `POST /v1/{project_id}/training-jobs`, as jobgate accepts and forwards it. */
export class TrainingJobDto implements TrainingJobBody {
  @StringField({ required: true, max: MAX_JOB_NAME_LENGTH, pattern: JOB_NAME_PATTERN, patternText: "of letters, digits, '_' or '-'" })
  job_name!: string;

  @StringField({ min: 0, max: MAX_JOB_DESC_LENGTH })
  job_desc?: string;

  @StringField({ max: MAX_ID_LENGTH })
  workspace_id?: string;

  @NestedObject(() => TrainingJobConfigDto, { required: true })
  @Check('data-input', oneDataInput)
  @Check('resource-target', resourceTarget)
  config!: TrainingJobConfigDto;
}
