import { AuthError } from './auth-error';
import { ModelArtsError } from './modelarts-error';
import { parseRetryAfter } from './retry-after';
import { ThrottledError } from './throttled-error';
import { isWireObject } from './wire';

/** Throttling codes from the ModelArts error table and the API gateway (§4.2, §4.3). */
const THROTTLED_CODES = new Set(['APIG.0308', 'ModelArts.4206', 'ModelArts.2799', 'ModelArts.6101']);

/**
 * Rejected credentials: APIG signature/token failures and ModelArts token errors (§4.2, §4.3).
 * `APIG.0307` and `ModelArts.0202` are the documented "token expired" answers.
 */
const AUTH_CODES = new Set([
  'APIG.0301',
  'APIG.0303',
  'APIG.0305',
  'APIG.0307',
  'ModelArts.0201',
  'ModelArts.0202',
  'ModelArts.0203',
  'ModelArts.0204',
  'ModelArts.0205',
  'ModelArts.0206',
  'ModelArts.0207',
  'ModelArts.0208',
  'ModelArts.0212',
  'ModelArts.2784',
]);

/** IAM temporarily unavailable; job status changed under us ("retry later"). */
const TRANSIENT_CODES = new Set(['APIG.0613', 'ModelArts.2878']);

/** 5xx answers that will not change by waiting. */
const PERMANENT_5XX = new Set([501, 505]);

export interface ErrorAnswer {
  status: number;
  headers: Headers;
  /** The parsed body, or undefined when it was not JSON. */
  body: unknown;
}

export interface TranslateOptions {
  /** For `Retry-After` dates. */
  nowMs: number;
  /** `errorCode` prefix when the body names no code: `http.503`, `iam.401`. Default `http`. */
  fallbackCodePrefix?: string;
}

/**
 * Turns a ModelArts/APIG/IAM error answer (any non-2xx, or a 2xx with `is_success: false`) into the
 * error class a caller reacts to. Codes win over statuses, because the envelope can report a
 * failure with HTTP 200.
 */
export function errorFromAnswer(answer: ErrorAnswer, options: TranslateOptions): ModelArtsError {
  const { status } = answer;
  const { nowMs, fallbackCodePrefix = 'http' } = options;
  const base = {
    httpStatus: status,
    errorCode: field(answer.body, 'error_code') ?? `${fallbackCodePrefix}.${status}`,
    errorMessage: errorMessageOf(answer.body) ?? `HTTP ${status}`,
  };
  // RFC 9110 lets a 503 (and any answer) carry Retry-After; a retry waits at least that long.
  const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'), nowMs);
  if (status === 429 || THROTTLED_CODES.has(base.errorCode)) return new ThrottledError({ ...base, retryAfterMs });
  if (status === 401 || AUTH_CODES.has(base.errorCode)) return new AuthError(base);
  return new ModelArtsError({ ...base, retryable: isTransient(status, base.errorCode), outcomeUnknown: status >= 500, retryAfterMs });
}

function isTransient(status: number, errorCode: string): boolean {
  if (TRANSIENT_CODES.has(errorCode) || status === 408) return true;
  return status >= 500 && !PERMANENT_5XX.has(status);
}

/** The v1 envelope says `error_message`, the newer "Response" page and APIG say `error_msg`, IAM nests `error.message`. */
function errorMessageOf(body: unknown): string | undefined {
  const nested = isWireObject(body) ? body.error : undefined;
  return field(body, 'error_message') ?? field(body, 'error_msg') ?? field(nested, 'message');
}

function field(body: unknown, key: string): string | undefined {
  const value = isWireObject(body) ? body[key] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Error codes of failures that happen before a single request byte can reach the server: the
 * request was certainly not acted on.
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Translates a failed fetch. `timedOut` is true when our own timeout aborted it; it may have fired
 * after the request was sent, so its outcome is unknown. A fetch error without a network cause
 * (an invalid header value, say) is a permanent programming or configuration error.
 */
export function errorFromNetworkFailure(err: unknown, timedOut: boolean): ModelArtsError {
  if (timedOut) {
    return new ModelArtsError({
      httpStatus: null,
      errorCode: 'network.timeout',
      errorMessage: 'the request timed out',
      retryable: true,
      outcomeUnknown: true,
      cause: err,
    });
  }
  const cause = propertyOf(err, 'cause');
  if (cause === undefined) {
    return new ModelArtsError({
      httpStatus: null,
      errorCode: 'modelarts.request_failed',
      errorMessage: messageOf(err),
      retryable: false,
      outcomeUnknown: false,
      cause: err,
    });
  }
  const code = systemCode(cause);
  return new ModelArtsError({
    httpStatus: null,
    errorCode: `network.${code ?? 'unknown'}`,
    errorMessage: messageOf(cause),
    retryable: true,
    outcomeUnknown: code === undefined || !NOT_SENT_CODES.has(code),
    cause: err,
  });
}

/** undici wraps system errors (`ECONNRESET`) and its own (`UND_ERR_SOCKET`) one or two levels deep. */
function systemCode(err: unknown): string | undefined {
  for (let current = err, depth = 0; current !== undefined && depth < 4; current = propertyOf(current, 'cause'), depth++) {
    const code = propertyOf(current, 'code');
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function messageOf(err: unknown): string {
  const message = propertyOf(err, 'message');
  return typeof message === 'string' ? message : String(err);
}

/**
 * Duck-typed on purpose: fetch's errors may come from another realm (jest's VM contexts), where
 * `instanceof Error` is false.
 */
function propertyOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
