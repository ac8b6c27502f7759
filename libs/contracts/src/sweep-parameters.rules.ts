import type { CheckIssue } from './check';
import { isObjectLike } from './json-path';
import { MAX_PARAMETER_VALUE_LENGTH } from './parameter.dto';
import {
  MAX_SWEEP_PARAMETERS,
  MAX_SWEEP_TRIALS,
  RANDOM_DISTRIBUTIONS,
  SWEEP_METHODS,
  SWEEP_PARAMETER_PATTERN,
  SWEEP_PARAMETER_PATTERN_TEXT,
  type SweepMethod,
} from './sweep-limits';
import { formatParameterValue } from './sweep-value';

type Spec = Record<string, unknown>;

const VALUES_SPEC_SCHEMA = {
  type: 'object',
  required: ['values'],
  additionalProperties: false,
  properties: {
    values: { type: 'array', minItems: 1, maxItems: MAX_SWEEP_TRIALS, items: { type: ['string', 'number', 'boolean'], maxLength: MAX_PARAMETER_VALUE_LENGTH } },
  },
};
const RANGE_SPEC_SCHEMA = {
  type: 'object',
  required: ['min', 'max'],
  additionalProperties: false,
  properties: {
    min: { type: 'number' },
    max: { type: 'number', description: 'greater than min' },
    step: { type: 'number', exclusiveMinimum: 0, description: "method 'grid' only, and required there" },
    distribution: { type: 'string', enum: [...RANDOM_DISTRIBUTIONS], default: 'uniform', description: "method 'random' only" },
  },
};
/** `parameters` as JSON Schema (OpenAPI); rules that depend on `method` are in the descriptions. */
export const PARAMETERS_SCHEMA = {
  type: 'object',
  minProperties: 1,
  maxProperties: MAX_SWEEP_PARAMETERS,
  propertyNames: { pattern: SWEEP_PARAMETER_PATTERN.source },
  additionalProperties: { oneOf: [VALUES_SPEC_SCHEMA, RANGE_SPEC_SCHEMA] },
};
const SPEC_KEYS = new Set(['values', 'min', 'max', 'step', 'distribution']);
const RANGE_KEYS = ['min', 'max', 'step', 'distribution'];

/**
 * `parameters` of a sweep: label → `{values}` or `{min, max, step?, distribution?}`. Rules that
 * depend on the method are applied only when the method itself is valid, so a wrong method gives one
 * issue, not one per parameter.
 */
export function checkParameters(value: unknown, sweep: Readonly<Record<string, unknown>>): CheckIssue[] {
  if (value === undefined) return [{ message: 'is required' }];
  if (!isObjectLike(value)) return [{ message: 'must be a JSON object of parameter labels to search spaces' }];
  const labels = Object.keys(value);
  if (labels.length === 0) return [{ message: 'must name at least one parameter' }];
  if (labels.length > MAX_SWEEP_PARAMETERS) return [{ message: `must name at most ${MAX_SWEEP_PARAMETERS} parameters` }];
  const method = SWEEP_METHODS.find((m) => m === sweep.method);
  return labels.flatMap((label): CheckIssue[] => {
    if (!SWEEP_PARAMETER_PATTERN.test(label)) return [{ at: [label], message: `label must be 1–64 characters ${SWEEP_PARAMETER_PATTERN_TEXT}` }];
    return checkSpec(value[label], method).map((issue) => ({ at: [label, ...(issue.at ?? [])], message: issue.message }));
  });
}

function checkSpec(spec: unknown, method: SweepMethod | undefined): CheckIssue[] {
  if (!isObjectLike(spec)) return [{ message: 'must be a JSON object: {"values": [...]} or {"min": …, "max": …}' }];
  const unknown = Object.keys(spec).filter((key) => !SPEC_KEYS.has(key));
  if (unknown.length > 0) return unknown.map((key) => ({ at: [key], message: 'unknown field' }));
  return spec.values !== undefined ? checkValues(spec) : checkRange(spec, method);
}

function checkValues(spec: Spec): CheckIssue[] {
  const issues: CheckIssue[] = RANGE_KEYS.filter((key) => spec[key] !== undefined).map((key) => ({ at: [key], message: 'must not be combined with values' }));
  const values = spec.values;
  if (!Array.isArray(values)) return [{ at: ['values'], message: 'must be an array' }, ...issues];
  if (values.length === 0) return [{ at: ['values'], message: 'must have at least one item' }, ...issues];
  if (values.length > MAX_SWEEP_TRIALS) return [{ at: ['values'], message: `must have at most ${MAX_SWEEP_TRIALS} items` }, ...issues];
  const seen = new Map<string, number>();
  values.forEach((item: unknown, index) => {
    const problem = valueProblem(item);
    if (problem) return issues.push({ at: ['values', index], message: problem });
    // Two items that become the same string would run the same trial twice.
    const text = formatParameterValue(item as string | number | boolean);
    const first = seen.get(text);
    if (first === undefined) seen.set(text, index);
    else issues.push({ at: ['values', index], message: `duplicates values[${first}]` });
  });
  return issues;
}

function valueProblem(item: unknown): string | null {
  if (typeof item === 'string') return item.length > MAX_PARAMETER_VALUE_LENGTH ? `must be at most ${MAX_PARAMETER_VALUE_LENGTH} characters` : null;
  return typeof item === 'number' || typeof item === 'boolean' ? null : 'must be a string, a number or a boolean';
}

function checkRange(spec: Spec, method: SweepMethod | undefined): CheckIssue[] {
  const issues = [...numberIssue(spec, 'min'), ...numberIssue(spec, 'max')];
  const { min, max } = spec;
  const bothNumbers = typeof min === 'number' && typeof max === 'number';
  if (bothNumbers && min >= max) issues.push({ at: ['max'], message: 'must be greater than min' });
  if (method === 'grid') issues.push(...gridRangeIssues(spec));
  // `bayes` searches the same spaces as `random`.
  if (method === 'random' || method === 'bayes') issues.push(...randomRangeIssues(spec));
  return issues;
}

function numberIssue(spec: Spec, key: 'min' | 'max'): CheckIssue[] {
  if (spec[key] === undefined) return [{ at: [key], message: 'is required (or give values)' }];
  return typeof spec[key] === 'number' ? [] : [{ at: [key], message: 'must be a number' }];
}

function gridRangeIssues(spec: Spec): CheckIssue[] {
  const issues: CheckIssue[] = [];
  if (spec.distribution !== undefined) issues.push({ at: ['distribution'], message: "is used only by method 'random'" });
  if (spec.step === undefined) issues.push({ at: ['step'], message: "is required for a range of method 'grid'" });
  else if (typeof spec.step !== 'number' || spec.step <= 0) issues.push({ at: ['step'], message: 'must be a number greater than 0' });
  return issues;
}

function randomRangeIssues(spec: Spec): CheckIssue[] {
  const issues: CheckIssue[] = [];
  if (spec.step !== undefined) issues.push({ at: ['step'], message: "is used only by method 'grid'" });
  const distribution = spec.distribution ?? 'uniform';
  if (!RANDOM_DISTRIBUTIONS.some((d) => d === distribution)) {
    return [...issues, { at: ['distribution'], message: "must be 'uniform', 'log_uniform' or 'int_uniform'" }];
  }
  if (distribution === 'log_uniform' && typeof spec.min === 'number' && spec.min <= 0) {
    issues.push({ at: ['min'], message: 'must be greater than 0 for log_uniform' });
  }
  if (distribution === 'int_uniform') {
    for (const key of ['min', 'max'] as const) {
      const bound = spec[key];
      if (typeof bound === 'number' && !Number.isSafeInteger(bound)) issues.push({ at: [key], message: 'must be an integer for int_uniform' });
    }
  }
  return issues;
}
