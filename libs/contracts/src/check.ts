import { ValidateBy } from 'class-validator';
import type { PathSegment } from './json-path';
import type { SchemaHint } from './schema-hint';

/** A problem found by a check, placed relative to the decorated field (`at: []` is the field itself). */
export interface CheckIssue {
  at?: PathSegment[];
  message: string;
}

/**
 * Looks at one field's value (`undefined` when absent) and at the object that holds it, and returns
 * every problem, or none. Checks are pure, so they can run again when errors are flattened.
 */
export type CheckFn = (value: unknown, owner: Readonly<Record<string, unknown>>) => CheckIssue[];

/** Prefix of every constraint name a `@Check` registers; validate.ts uses it to find the function again. */
export const CHECK_PREFIX = 'jobgate:';

/**
 * Registers `check` as a class-validator constraint named `jobgate:<name>`. The name must be unique
 * per property. The function travels in the constraint's `context`, because class-validator
 * rewrites `$value`/`$property` inside messages and a message can carry only one string: the
 * flattening step calls the function again to get exact sub-paths and unmangled messages.
 * `hint` travels there too: the rule as JSON Schema, for the published OpenAPI document.
 */
export function Check(name: string, check: CheckFn, hint?: SchemaHint): PropertyDecorator {
  return ValidateBy(
    {
      name: `${CHECK_PREFIX}${name}`,
      validator: {
        validate: (value: unknown, args) => check(value, ownerOf(args?.object)).length === 0,
        // class-validator attaches the context only to constraints with a non-empty message.
        defaultMessage: () => `${CHECK_PREFIX}${name}`,
      },
    },
    { context: { check, hint } },
  );
}

/** Runs the checks in order and keeps the first one that finds anything, so a field gets one message. */
export function firstFailing(...checks: CheckFn[]): CheckFn {
  return (value, owner) => {
    for (const check of checks) {
      const issues = check(value, owner);
      if (issues.length > 0) return issues;
    }
    return [];
  };
}

/** Applies several property decorators as one. */
export function composeDecorators(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };
}

function ownerOf(object: object | undefined): Readonly<Record<string, unknown>> {
  return (object ?? {}) as Readonly<Record<string, unknown>>;
}
