import { isJsonObject, joinPath } from './json-path';
import type { ValidationIssue } from './validation-result';

/** Deeper than any jobgate body (a volume field sits at depth 6) and far from the stack limit. */
export const MAX_JSON_DEPTH = 32;

// class-transformer skips these keys without a word, so class-validator would never see them.
const RESERVED_KEYS = new Set(['__proto__', 'constructor']);

/**
 * Finds what class-transformer would hide or choke on: reserved keys, values JSON cannot carry
 * (from in-process callers) and runaway nesting. Pure and bounded by MAX_JSON_DEPTH.
 */
export function scanJson(value: unknown, path: string, depth = 0): ValidationIssue[] {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') return [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [{ path, message: 'must be a finite number' }];
  if (!Array.isArray(value) && !isJsonObject(value)) return [{ path, message: 'is not a JSON value' }];
  if (depth >= MAX_JSON_DEPTH) return [{ path, message: `nests deeper than ${MAX_JSON_DEPTH} levels` }];
  if (Array.isArray(value)) return value.flatMap((item, index) => scanJson(item, joinPath(path, index), depth + 1));
  return Object.keys(value).flatMap((key) =>
    RESERVED_KEYS.has(key) ? [{ path: joinPath(path, key), message: 'unknown field' }] : scanJson(value[key], joinPath(path, key), depth + 1),
  );
}
