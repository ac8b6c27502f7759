// class-transformer's @Type reads design:type through the Reflect metadata API, so load it here
// rather than relying on every process that imports contracts to do so first.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { Check, CHECK_PREFIX, composeDecorators, type CheckFn, type CheckIssue } from './check';
import { isObjectLike } from './json-path';
import { registerNested } from './nested-bounds';
import { schemaRef, type JsonSchema } from './schema-hint';

/*
 * Field decorators in the shape of the ModelArts tables. Each one checks type and format in one step,
 * so a wrong field gets one specific message instead of three generic ones. `null` is never taken
 * for "absent": ModelArts would receive it as given.
 */

/** Constraint names of the container checks; validate.ts does not look inside a container of the wrong kind. */
export const JSON_OBJECT_CHECK = `${CHECK_PREFIX}json-object`;
export const JSON_ARRAY_CHECK = `${CHECK_PREFIX}json-array`;

export interface StringFieldOptions {
  /** Whether the field must be present. Default: false. */
  required?: boolean;
  /** Fewest characters. Default: 1 (0 only where the docs allow blank values). */
  min?: number;
  max: number;
  pattern?: RegExp;
  /** What the pattern allows, appended to the message: "of letters, digits, '_' or '-'". */
  patternText?: string;
}

export function StringField(options: StringFieldOptions): PropertyDecorator {
  return Check('string', stringCheck(options), { schema: stringSchema(options), required: options.required });
}

function stringSchema(options: StringFieldOptions): JsonSchema {
  const { min = 1, max, pattern } = options;
  return { type: 'string', minLength: min, maxLength: max, ...(pattern ? { pattern: pattern.source } : {}) };
}

export function stringCheck(options: StringFieldOptions): CheckFn {
  const { required = false, min = 1, max, pattern, patternText } = options;
  const rule = `must be ${describeLength(min, max)}${patternText ? ` ${patternText}` : ''}`;
  return (value) => {
    if (value === undefined) return required ? [{ message: 'is required' }] : [];
    if (typeof value !== 'string') return [{ message: 'must be a string' }];
    if (value.length < min || value.length > max || (pattern && !pattern.test(value))) return [{ message: rule }];
    return [];
  };
}

function describeLength(min: number, max: number): string {
  if (min === 0) return `at most ${max} characters`;
  return `${min}–${max} characters`;
}

/** A JSON number that is a whole number (`1`, not `1.5` or `"1"`). */
export function IntegerField(options: { required?: boolean; min: number }): PropertyDecorator {
  const { required = false, min } = options;
  return Check(
    'integer',
    (value) => {
      if (value === undefined) return required ? [{ message: 'is required' }] : [];
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return [];
      return [{ message: `must be an integer (a JSON number) of at least ${min}` }];
    },
    { schema: { type: 'integer', minimum: min, maximum: Number.MAX_SAFE_INTEGER }, required },
  );
}

// ModelArts types these IDs as Long; its own samples and responses mix numbers and numeric strings,
// so both are accepted and kept as given. Strings stay within Long's 19 digits.
const ID_STRING = /^[1-9][0-9]{0,18}$/;
const LONG_MAX = 9223372036854775807n;

/** A positive Long ID (`spec_id`, `engine_id`, `model_id`) given as a number or a string of digits. */
export function IdField(): PropertyDecorator {
  return Check(
    'id',
    (value) => {
      if (value === undefined || isPositiveId(value)) return [];
      return [{ message: 'must be a positive integer, as a number or a string of digits' }];
    },
    {
      schema: {
        oneOf: [
          { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
          { type: 'string', pattern: ID_STRING.source },
        ],
      },
    },
  );
}

function isPositiveId(value: unknown): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 1;
  return typeof value === 'string' && ID_STRING.test(value) && BigInt(value) <= LONG_MAX;
}

export function BooleanField(): PropertyDecorator {
  return Check('boolean', (value) => (value === undefined || typeof value === 'boolean' ? [] : [{ message: 'must be true or false' }]), {
    schema: { type: 'boolean' },
  });
}

export function EnumField(values: readonly string[]): PropertyDecorator {
  const listed = values.map((v) => `'${v}'`);
  const message = `must be ${listed.slice(0, -1).join(', ')}${listed.length > 1 ? ' or ' : ''}${listed[listed.length - 1]}`;
  return Check('enum', (value) => (value === undefined || values.includes(value as string) ? [] : [{ message }]), {
    schema: { type: 'string', enum: [...values] },
  });
}

/**
 * A nested object validated as `cls`. The explicit `@Type` matters: tests run with isolatedModules,
 * where design:type metadata is not reliable.
 */
export function NestedObject(cls: () => new () => object, options: { required?: boolean } = {}): PropertyDecorator {
  const required = options.required ?? false;
  return composeDecorators(
    Type(cls),
    ValidateNested(),
    (target, key) => registerNested(target, String(key), { cls }),
    Check(
      'json-object',
      (value) => {
        if (value === undefined) return required ? [{ message: 'is required' }] : [];
        return isObjectLike(value) ? [] : [{ message: 'must be a JSON object' }];
      },
      { schema: schemaRef(cls), required },
    ),
  );
}

/**
 * An optional array whose items are validated as `cls`. Items that are not objects are reported
 * here: class-validator would validate an inner array's items instead and find nothing wrong.
 */
export function NestedArray(cls: () => new () => object, options: NestedArrayOptions = {}): PropertyDecorator {
  const { minItems = 0, maxItems = MAX_NESTED_ITEMS } = options;
  return composeDecorators(
    Type(cls),
    ValidateNested({ each: true }),
    (target, key) => registerNested(target, String(key), { cls, maxItems }),
    Check(
      'json-array',
      (value) => {
        if (value === undefined) return [];
        if (!Array.isArray(value)) return [{ message: 'must be an array' }];
        if (value.length < minItems) return [{ message: `must have at least ${minItems} item${minItems === 1 ? '' : 's'}` }];
        if (value.length > maxItems) return [{ message: `must have at most ${maxItems} items` }];
        return value.flatMap((item: unknown, index): CheckIssue[] => (isObjectLike(item) ? [] : [{ at: [index], message: 'must be a JSON object' }]));
      },
      { schema: () => ({ type: 'array', items: schemaRef(cls)(), ...(minItems > 0 ? { minItems } : {}), maxItems }) },
    ),
  );
}

/** Items of an array of DTOs when NestedArray is given no `maxItems`. */
const MAX_NESTED_ITEMS = 256;

export interface NestedArrayOptions {
  /** Fewest items. Default: 0. */
  minItems?: number;
  /** Most items; longer arrays are refused before any item is validated. Default: MAX_NESTED_ITEMS. */
  maxItems?: number;
}
