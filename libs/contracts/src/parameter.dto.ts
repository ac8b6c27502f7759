import { StringField } from './field-decorators';
import type { Parameter } from './training-job-body';

export const MAX_PARAMETER_LABEL_LENGTH = 256;
export const MAX_PARAMETER_VALUE_LENGTH = 4096;

/**
 * Table 8 marks both fields optional, but a pair without a label means nothing to the training
 * script and a missing value is rejected too, so that jobgate never guesses one.
 */
export class ParameterDto implements Parameter {
  @StringField({ required: true, max: MAX_PARAMETER_LABEL_LENGTH })
  label!: string;

  @StringField({ required: true, min: 0, max: MAX_PARAMETER_VALUE_LENGTH })
  value!: string;
}
