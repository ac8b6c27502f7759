import type { HttpResponse } from './http-transport';
import { errorFromAnswer } from './translate-error';
import { badResponse, isWireObject, parseJsonBody, WireReader } from './wire';

/**
 * Reads a ModelArts v1 answer: a 2xx JSON object whose `is_success` is not false is a success;
 * anything else becomes the matching error (see `errorFromAnswer`). An empty 2xx body counts as
 * `{}` (stop and delete carry nothing we need).
 */
export function readEnvelope(res: HttpResponse, options: { what: string; nowMs: number }): WireReader {
  const context = { what: options.what, httpStatus: res.status };
  let body: unknown;
  try {
    body = res.text.trim() === '' ? {} : parseJsonBody(res.text);
  } catch (err) {
    if (isSuccessStatus(res.status)) throw badResponse(context, 'the body is not JSON', err);
  }
  if (!isSuccessStatus(res.status) || (isWireObject(body) && isFailure(body.is_success))) {
    throw errorFromAnswer({ status: res.status, headers: res.headers, body }, { nowMs: options.nowMs });
  }
  if (!isWireObject(body)) throw badResponse(context, 'the body is not a JSON object');
  return new WireReader(body, context);
}

function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300;
}

function isFailure(isSuccess: unknown): boolean {
  return isSuccess === false || isSuccess === 'false';
}
