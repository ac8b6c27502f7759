import { isJsonObject, joinPath } from './json-path';
import { IssueList } from './validation-result';

/** Deeper than any jobgate body (a volume field sits at depth 6) and far from the stack limit. */
export const MAX_JSON_DEPTH = 32;

/**
 * Fields of one object. The largest maps of any body (labels, metrics, sweep parameters) allow at
 * most 100; 40,000 unknown fields would otherwise cost class-validator over a second to refuse.
 */
export const MAX_JSON_OBJECT_KEYS = 256;

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
 * keys, objects with more than MAX_JSON_OBJECT_KEYS fields and runaway nesting. Pure, one pass over
 * the body; every issue is counted, only the first MAX_REPORTED_ISSUES are kept.
 */
export function scanJson(value: unknown, path: string, found: IssueList = new IssueList()): IssueList {
  scan(value, path, 0, found);
  return found;
}

function scan(value: unknown, path: string, depth: number, found: IssueList): void {
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) found.add(path, UNSTORABLE_MESSAGE);
    return;
  }
  if (value === null || value === undefined || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) found.add(path, 'must be a finite number');
    return;
  }
  if (!Array.isArray(value) && !isJsonObject(value)) return found.add(path, 'is not a JSON value');
  if (depth >= MAX_JSON_DEPTH) return found.add(path, `nests deeper than ${MAX_JSON_DEPTH} levels`);
  if (Array.isArray(value)) {
    value.forEach((item, index) => scan(item, found.wants() ? joinPath(path, index) : '', depth + 1, found));
    return;
  }
  const keys = Object.keys(value);
  if (keys.length > MAX_JSON_OBJECT_KEYS) return found.add(path, `has ${keys.length} fields, more than ${MAX_JSON_OBJECT_KEYS}`);
  for (const key of keys) {
    // Paths are built only while issues are still kept: past the cap only the count grows.
    const at = found.wants() ? joinPath(path, key) : '';
    if (RESERVED_KEYS.has(key)) found.add(at, 'unknown field');
    else if (UNSTORABLE.test(key)) found.add(at, `key ${UNSTORABLE_MESSAGE}`);
    else scan(value[key], at, depth + 1, found);
  }
}
