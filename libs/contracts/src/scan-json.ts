import { isJsonObject, joinPath } from './json-path';
import type { ValidationIssue } from './validation-result';

/** Deeper than any jobgate body (a volume field sits at depth 6) and far from the stack limit. */
export const MAX_JSON_DEPTH = 32;

// class-transformer skips keys that name a property of Object.prototype (__proto__, constructor,
// toString, hasOwnProperty…) without a word, so class-validator would never see them, and a body
// carrying `valueOf` or `labels.toString: 5` would pass as valid (found by the intake fuzz test).
const RESERVED_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

// PostgreSQL can store neither in jsonb or text: "\u0000 cannot be converted to text", "Unicode low
// surrogate must follow a high surrogate". JSON can carry both, so without this check a body that
// passed validation would fail at the insert (a 500 the intake fuzz test found).
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_MESSAGE = 'must not contain the NUL character or an unpaired UTF-16 surrogate';

/**
 * Finds what class-transformer would hide or choke on, or PostgreSQL could not store: reserved keys,
 * values JSON cannot carry (from in-process callers), NUL and unpaired surrogates in strings and
 * keys, and runaway nesting. Pure and bounded by MAX_JSON_DEPTH.
 */
export function scanJson(value: unknown, path: string, depth = 0): ValidationIssue[] {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? [{ path, message: UNSTORABLE_MESSAGE }] : [];
  if (value === null || value === undefined || typeof value === 'boolean') return [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [{ path, message: 'must be a finite number' }];
  if (!Array.isArray(value) && !isJsonObject(value)) return [{ path, message: 'is not a JSON value' }];
  if (depth >= MAX_JSON_DEPTH) return [{ path, message: `nests deeper than ${MAX_JSON_DEPTH} levels` }];
  if (Array.isArray(value)) return value.flatMap((item, index) => scanJson(item, joinPath(path, index), depth + 1));
  return Object.keys(value).flatMap((key) => {
    if (RESERVED_KEYS.has(key)) return [{ path: joinPath(path, key), message: 'unknown field' }];
    if (UNSTORABLE.test(key)) return [{ path: joinPath(path, key), message: `key ${UNSTORABLE_MESSAGE}` }];
    return scanJson(value[key], joinPath(path, key), depth + 1);
  });
}
