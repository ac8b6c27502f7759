import type { Problem as ProblemDetails } from '@jobgate/contracts/records';

export type { FieldProblem } from '@jobgate/contracts/records';

/**
 * An error answer: jobgate's problem details, or as much of them as a proxy or a wrong URL in
 * between gave (toProblem fills in the status and the first line of a body that is not JSON).
 */
export type Problem = Partial<ProblemDetails> & { status: number };

/** Which call failed; `resourceId` is set for calls about one thing, for the "not found" message. */
export interface FailedRequest {
  method: string;
  path: string;
  resourceId?: string;
  /** What `resourceId` names in that message; default `job or sweep` (the ids `status` takes). */
  resourceKind?: string;
}

/** jobgate answered with a non-2xx status. */
export class ApiProblemError extends Error {
  constructor(
    readonly problem: Problem,
    readonly request: FailedRequest,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiProblemError';
  }

  get status(): number {
    return this.problem.status;
  }
}

/** No HTTP answer at all: connection refused, unknown host, reset or timeout. */
export class UnreachableError extends Error {
  constructor(
    readonly baseUrl: string,
    readonly reason: string,
  ) {
    super(`cannot reach jobgate at ${baseUrl}: ${reason}`);
    this.name = 'UnreachableError';
  }
}

/**
 * Reads an error body as a problem. A proxy or a wrong URL may answer with HTML or plain text:
 * then its first line becomes the detail, so the user still sees what answered.
 */
export function toProblem(status: number, statusText: string, body: string): Problem {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { ...(parsed as Problem), status };
  } catch {
    // not JSON: fall through
  }
  const firstLine = body.trim().split('\n')[0]?.slice(0, 200);
  return { status, title: statusText, detail: firstLine || statusText || undefined };
}
