import { isObjectLike, joinPath } from './json-path';
import type { ValidationIssue } from './validation-result';

type DtoClass = () => new () => object;

interface NestedField {
  cls: DtoClass;
  /** Set for arrays of DTOs: the most items validated. */
  maxItems?: number;
}

// class → its nested DTO fields, filled by NestedObject/NestedArray as the classes are declared.
const NESTED = new Map<object, Map<string, NestedField>>();

/** Called by the nested field decorators: `cls` is validated under `target[property]`. */
export function registerNested(target: object, property: string, field: NestedField): void {
  const fields = NESTED.get(target.constructor) ?? new Map<string, NestedField>();
  fields.set(property, field);
  NESTED.set(target.constructor, fields);
}

/**
 * Finds arrays of DTOs longer than their limit before class-transformer and class-validator see
 * them: both build and check every item (about 45 µs each), so 40,000 items would block the event
 * loop for over a second only to be refused. Follows the body along the DTO's nested fields.
 */
export function oversizedArrays(cls: new () => object, body: unknown, path: string): ValidationIssue[] {
  if (!isObjectLike(body) || Array.isArray(body)) return [];
  const issues: ValidationIssue[] = [];
  for (const [property, field] of fieldsOf(cls)) {
    const value = (body as Record<string, unknown>)[property];
    const at = joinPath(path, property);
    if (field.maxItems === undefined) {
      issues.push(...oversizedArrays(field.cls(), value, at));
    } else if (Array.isArray(value)) {
      if (value.length > field.maxItems) issues.push({ path: at, message: `must have at most ${field.maxItems} items` });
      else value.forEach((item, index) => issues.push(...oversizedArrays(field.cls(), item, joinPath(at, index))));
    }
  }
  return issues;
}

/** A class's nested fields and those it inherits. */
function fieldsOf(cls: new () => object): Map<string, NestedField> {
  const fields = new Map<string, NestedField>();
  for (let c: object | null = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    for (const [property, field] of NESTED.get(c) ?? []) if (!fields.has(property)) fields.set(property, field);
  }
  return fields;
}
