/**
 * An error as the real services put it on the wire. Three body shapes exist (reference §4.1, §5.1):
 * the API Gateway's `{error_code, error_msg, request_id}`, the ModelArts v1 envelope
 * `{is_success:false, error_code, error_message}` and IAM's `{error:{code, message, title}}`.
 */
export interface WireError {
  status: number;
  code: string;
  message: string;
  kind: 'apig' | 'modelarts' | 'iam';
  /** Extra response headers, e.g. `Retry-After` on a 429. */
  headers?: Record<string, string>;
}

export function apigError(status: number, code: string, message: string): WireError {
  return { status, code, message, kind: 'apig' };
}

export function modelartsError(status: number, code: string, message: string): WireError {
  return { status, code, message, kind: 'modelarts' };
}

export function iamError(status: number, message: string): WireError {
  return { status, code: String(status), message, kind: 'iam' };
}

/** The JSON body the real service would send for this error. */
export function wireErrorBody(error: WireError, requestId: string): Record<string, unknown> {
  switch (error.kind) {
    case 'apig':
      return { error_code: error.code, error_msg: error.message, request_id: requestId };
    case 'modelarts':
      return { is_success: false, error_code: error.code, error_message: error.message };
    case 'iam':
      return { error: { code: error.status, message: error.message, title: STATUS_TITLES[error.status] ?? 'Error' } };
  }
}

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
