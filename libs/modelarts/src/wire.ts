import { ModelArtsError } from './modelarts-error';

export type WireObject = Record<string, unknown>;

/** Where a body came from, for error messages. */
export interface WireContext {
  /** e.g. `ModelArts create response`. */
  what: string;
  httpStatus: number;
}

/**
 * Parses a JSON body. ModelArts types IDs as Long, which can exceed 2^53: an `*_id` field holding a
 * 16+ digit JSON number is turned into a string before parsing so that no digit is lost. (An escaped
 * quote inside a JSON string cannot form `"x_id":` so string contents are never touched.)
 */
export function parseJsonBody(text: string): unknown {
  return JSON.parse(text.replace(LONG_ID, '"$1":"$2"'));
}

const LONG_ID = /"(\w*_id)"\s*:\s*(-?\d{16,})(?=\s*[,}\]])/g;

export function isWireObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Typed reads from a success body. The docs quote numbers as strings in some samples
 * (`"status": "1"`) and as JSON numbers in others, so every numeric field accepts both. A missing or
 * malformed required field is a permanent `modelarts.bad_response`.
 */
export class WireReader {
  constructor(
    readonly raw: WireObject,
    private readonly context: WireContext,
  ) {}

  /** A Long ID as a string: a non-empty string, or a JSON integer that fits exactly in a double. */
  id(key: string): string {
    return this.required(key, this.optionalId(key), 'an ID');
  }

  optionalId(key: string): string | null {
    const value = this.raw[key];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    throw this.malformed(key, 'an ID');
  }

  /** An integer given as a JSON number or a numeric string (statuses, epoch-ms times, durations). */
  int(key: string): number {
    return this.required(key, this.optionalInt(key), 'an integer');
  }

  optionalInt(key: string): number | null {
    const value = this.raw[key];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) {
      const parsed = Number(value);
      if (Number.isSafeInteger(parsed)) return parsed;
    }
    throw this.malformed(key, 'an integer');
  }

  string(key: string): string {
    return this.required(key, this.optionalString(key), 'a string');
  }

  /** Numbers are accepted and stringified: the docs are loose about types in samples. */
  optionalString(key: string): string | null {
    const value = this.raw[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    throw this.malformed(key, 'a string');
  }

  /** A boolean, also given as `"true"` / `"false"`; null when absent. */
  optionalBoolean(key: string): boolean | null {
    const value = this.raw[key];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw this.malformed(key, 'a boolean');
  }

  /** An array of strings (numbers are stringified). */
  strings(key: string): string[] {
    const value = this.raw[key];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' || typeof v === 'number')) throw this.malformed(key, 'an array of strings');
    return value.map(String);
  }

  /** An array, items unchecked (see `reader` to read one). */
  array(key: string): unknown[] {
    const value = this.raw[key];
    if (!Array.isArray(value)) throw this.malformed(key, 'an array');
    return value;
  }

  /** A reader of a nested object, with the same context. */
  reader(item: WireObject): WireReader {
    return new WireReader(item, this.context);
  }

  /** An array of objects, each read with the same context. */
  objects(key: string): WireReader[] {
    const value = this.raw[key];
    if (!Array.isArray(value) || !value.every(isWireObject)) throw this.malformed(key, 'an array of objects');
    return value.map((item) => new WireReader(item, this.context));
  }

  private required<T>(key: string, value: T | null, expected: string): T {
    if (value === null) throw this.malformed(key, expected);
    return value;
  }

  private malformed(key: string, expected: string): ModelArtsError {
    return badResponse(this.context, `field "${key}" is missing or not ${expected}`);
  }
}

/**
 * A 2xx answer we cannot read. Permanent; `outcomeUnknown` because ModelArts accepted the request and
 * may have acted on it (a create whose job ID we failed to read still created a job).
 */
export function badResponse(context: WireContext, detail: string, cause?: unknown): ModelArtsError {
  return new ModelArtsError({
    httpStatus: context.httpStatus,
    errorCode: 'modelarts.bad_response',
    errorMessage: `${context.what}: ${detail}`,
    retryable: false,
    outcomeUnknown: true,
    cause,
  });
}
