import { Check, firstFailing, type CheckFn, type CheckIssue } from './check';
import { StringField, stringCheck } from './field-decorators';
import { httpUrl, MAX_WEBHOOK_URL_LENGTH } from './create-job-request.dto';
import type { CreateApiKeyRequest, CreateTeamRequest, UpdateTeamRequest } from './team-request';
import { validateBody } from './validate';
import type { ValidationResult } from './validation-result';

export const TEAM_NAME_PATTERN = /^[a-z][a-z0-9-]{1,62}$/;
export const MAX_TEAM_WEIGHT = 1_000;
const MAX_TEAM_LIMIT = 1_000_000;
const MAX_API_KEY_NAME_LENGTH = 64;

export class UpdateTeamRequestDto implements UpdateTeamRequest {
  @Check('weight', integerBetween(1, MAX_TEAM_WEIGHT, false), { schema: { type: 'integer', minimum: 1, maximum: MAX_TEAM_WEIGHT, default: 1 } })
  weight?: number;

  @Check('limit', integerBetween(0, MAX_TEAM_LIMIT, true), { schema: { type: ['integer', 'null'], minimum: 0, maximum: MAX_TEAM_LIMIT } })
  max_active_jobs?: number | null;

  @Check('limit', integerBetween(0, MAX_TEAM_LIMIT, true), { schema: { type: ['integer', 'null'], minimum: 0, maximum: MAX_TEAM_LIMIT } })
  max_queued_jobs?: number | null;

  @Check('webhook-url', nullOr(firstFailing(stringCheck({ max: MAX_WEBHOOK_URL_LENGTH }), httpUrl)), {
    schema: { type: ['string', 'null'], format: 'uri', maxLength: MAX_WEBHOOK_URL_LENGTH },
  })
  webhook_url?: string | null;
}

export class CreateTeamRequestDto extends UpdateTeamRequestDto implements CreateTeamRequest {
  @StringField({
    required: true,
    min: 2,
    max: 63,
    pattern: TEAM_NAME_PATTERN,
    patternText: "starting with a lowercase letter, then lowercase letters, digits or '-'",
  })
  name!: string;
}

export class CreateApiKeyRequestDto implements CreateApiKeyRequest {
  @StringField({ required: true, max: MAX_API_KEY_NAME_LENGTH })
  name!: string;
}

export function validateCreateTeamRequest(body: unknown): ValidationResult<CreateTeamRequest> {
  return validateBody(CreateTeamRequestDto, body);
}

export function validateUpdateTeamRequest(body: unknown): ValidationResult<UpdateTeamRequest> {
  return validateBody(UpdateTeamRequestDto, body);
}

export function validateCreateApiKeyRequest(body: unknown): ValidationResult<CreateApiKeyRequest> {
  return validateBody(CreateApiKeyRequestDto, body);
}

function integerBetween(min: number, max: number, nullable: boolean) {
  return (value: unknown): CheckIssue[] => {
    if (value === undefined || (nullable && value === null)) return [];
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max) return [];
    return [{ message: `must be an integer from ${min} to ${max}${nullable ? ', or null' : ''}` }];
  };
}

function nullOr(check: CheckFn): CheckFn {
  return (value, owner) => (value === null ? [] : check(value, owner));
}
