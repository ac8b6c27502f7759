import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import { CHECK_PREFIX, type CheckFn } from './check';
import type { CreateJobRequest } from './create-job-request';
import { CreateJobRequestDto } from './create-job-request.dto';
import { JSON_ARRAY_CHECK, JSON_OBJECT_CHECK } from './field-decorators';
import { isJsonObject, isObjectLike, joinPath, joinPaths } from './json-path';
import { oversizedArrays } from './nested-bounds';
import { scanJson } from './scan-json';
import type { TrainingJobBody } from './training-job-body';
import { TrainingJobDto } from './training-job.dto';
import { capped, type ValidationIssue, type ValidationResult } from './validation-result';

const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: true, value: true },
};

/** Checks a body for `POST /jobs`; problems are listed (the first MAX_REPORTED_ISSUES), with full JSON paths. */
export function validateCreateJobRequest(body: unknown): ValidationResult<CreateJobRequest> {
  return validateBody(CreateJobRequestDto, body);
}

/** Checks a ModelArts create-training-job body; `pathPrefix` places it, e.g. `template.training_job`. */
export function validateTrainingJob(body: unknown, pathPrefix = ''): ValidationResult<TrainingJobBody> {
  return validateBody(TrainingJobDto, body, pathPrefix);
}

/**
 * Validates `body` against a DTO class: unknown fields are errors, not stripped. On success the
 * value is a deep copy of `body` itself, never the class instance, so nothing is added or dropped.
 */
export function validateBody<T extends object>(cls: new () => T, body: unknown, pathPrefix = ''): ValidationResult<T> {
  if (!isJsonObject(body)) return { ok: false, issues: [{ path: pathPrefix, message: 'must be a JSON object' }] };
  // Cheap passes first, so the costly one (about 45 µs per nested object) only sees bounded input.
  const structural = scanJson(body, pathPrefix);
  if (structural.count > 0) return structural.failure();
  const oversized = oversizedArrays(cls, body, pathPrefix);
  if (oversized.length > 0) return capped(oversized);
  const errors = validateSync(plainToInstance(cls, body), VALIDATOR_OPTIONS);
  const issues = errors.flatMap((error) => flatten(error, pathPrefix, false));
  return issues.length > 0 ? capped(issues) : { ok: true, value: structuredClone(body) as T };
}

function flatten(error: ValidationError, parentPath: string, isArrayItem: boolean): ValidationIssue[] {
  // Items that are not objects were reported by the array's own check (NestedArray).
  if (isArrayItem && !isObjectLike(error.value)) return [];
  const path = error.property === undefined ? parentPath : joinPath(parentPath, isArrayItem ? Number(error.property) : error.property);
  const constraints = Object.keys(error.constraints ?? {});
  const issues = constraints.flatMap((name) => describe(error, name, path));
  if (issues.length === 0 && constraints.length > 0) issues.push({ path, message: 'must be a JSON object' });
  if (!holdsExpectedContainer(error, constraints)) return issues;
  const childrenAreItems = Array.isArray(error.value);
  return issues.concat((error.children ?? []).flatMap((child) => flatten(child, path, childrenAreItems)));
}

// An array given for an object (or the reverse) was turned into DTOs by class-transformer anyway;
// the errors found inside it would only repeat that the shape is wrong.
function holdsExpectedContainer(error: ValidationError, constraints: string[]): boolean {
  if (constraints.includes(JSON_OBJECT_CHECK)) return false;
  return !constraints.includes(JSON_ARRAY_CHECK) || Array.isArray(error.value);
}

// Constraints of class-validator itself that are worded by flatten(): a nested DTO that is not an
// object (nestedValidation, unknownValue) is already reported by the NestedObject/NestedArray checks.
const WORDED_BY_FLATTEN = new Set(['nestedValidation', 'unknownValue']);

function describe(error: ValidationError, name: string, path: string): ValidationIssue[] {
  if (name === 'whitelistValidation') return [{ path, message: 'unknown field' }];
  if (WORDED_BY_FLATTEN.has(name)) return [];
  const check = (error.contexts?.[name] as { check?: CheckFn } | undefined)?.check;
  if (!name.startsWith(CHECK_PREFIX) || !check) return [{ path, message: error.constraints?.[name] ?? 'is invalid' }];
  return check(error.value, error.target as Record<string, unknown>).map((issue) => ({
    path: joinPaths(path, issue.at ?? []),
    message: issue.message,
  }));
}
