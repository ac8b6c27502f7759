import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Caller } from '@jobgate/lifecycle';
import type { AuthFailure, AuthFailureCounter } from './auth-failures';
import { sendProblem } from './problem';

export interface AuthOptions {
  /** Operator keys (API_KEYS): they see and act on everything. */
  apiKeys: readonly string[];
  /** Local use only: every request is let through as the `anonymous` operator. */
  disabled: boolean;
  /** Looks up a team key (`jg_…`); default none (operator keys only). */
  teamKey?: (presented: string) => Promise<Caller | null>;
  /** Looks up a job's report token (`jgr_…`); default none. */
  reportToken?: (presented: string) => Promise<Caller | null>;
  /** Failed authentications per client address; an address past its limit gets 429 before any lookup. Default none. */
  failures?: AuthFailureCounter;
  /** Told of every refused request (metrics), and of an address reaching its limit (log). */
  onFailure?: (failure: AuthFailure, address: string, limitReached: boolean) => void;
}

// What a report token may call, relative to /v1: its own job's metrics, by POST, nothing else.
const REPORT_ROUTE = /^\/jobs\/([0-9a-f-]{36})\/metrics\/?$/i;

/**
 * `Authorization: Bearer <key>`: an operator key (compared as SHA-256 digests with timingSafeEqual,
 * so the time taken says nothing about how much of a key matched; several allow rotation) or a team
 * key (looked up by its hash on every request, so a revoked key is refused at once).
 * Sets `res.locals.principal` (the Caller) and `res.locals.caller` (the key's id, for rate limits).
 */
export function bearerAuth(options: AuthOptions): RequestHandler {
  const match = apiKeyMatcher(options.apiKeys);
  return async (req, res, next) => {
    if (options.disabled) return admit(res, { kind: 'operator', keyId: 'anonymous' }, next);
    const presented = bearerToken(req.headers.authorization);
    const operator = presented === null ? null : match(presented);
    if (operator !== null) return admit(res, { kind: 'operator', keyId: operator }, next);
    const address = req.socket.remoteAddress ?? 'unknown';
    const retryAfterSec = (await options.failures?.retryAfterSec(address)) ?? 0;
    if (retryAfterSec > 0) {
      options.onFailure?.('blocked', address, false);
      res.setHeader('Retry-After', String(retryAfterSec));
      return sendProblem(res, {
        status: 429,
        title: 'Too Many Requests',
        code: 'too_many_failed_authentications',
        retry_after_sec: retryAfterSec,
        detail: `Too many requests with a missing or invalid API key from this address; retry after ${retryAfterSec} s`,
      });
    }
    const caller = presented !== null ? await lookUp(presented, options) : null;
    if (caller?.kind === 'reporter' && !(req.method === 'POST' && REPORT_ROUTE.exec(req.path)?.[1]?.toLowerCase() === caller.jobId)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="jobgate"');
      return sendProblem(res, {
        status: 401,
        title: 'Unauthorized',
        code: 'report_token_scope',
        detail: 'A report token may only call POST /v1/jobs/{id}/metrics for its own job',
      });
    }
    if (caller === null) {
      const failure = presented !== null ? 'invalid_api_key' : 'missing_api_key';
      options.onFailure?.(failure, address, (await options.failures?.fail(address)) ?? false);
      res.setHeader('WWW-Authenticate', 'Bearer realm="jobgate"');
      return sendProblem(res, {
        status: 401,
        title: 'Unauthorized',
        code: presented !== null ? 'invalid_api_key' : 'missing_api_key',
        detail: presented !== null ? 'The API key is not valid' : 'Send an API key as "Authorization: Bearer <key>"',
      });
    }
    admit(res, caller, next);
  };
}

async function lookUp(presented: string, options: AuthOptions): Promise<Caller | null> {
  return (await options.teamKey?.(presented)) ?? (await options.reportToken?.(presented)) ?? null;
}

function admit(res: Parameters<RequestHandler>[1], caller: Caller, next: () => void): void {
  res.locals.principal = caller;
  res.locals.caller = caller.keyId;
  next();
}

/** Only operators: 403 for a team key. */
export const operatorOnly: RequestHandler = (_req, res, next) => {
  if ((res.locals.principal as Caller | undefined)?.kind === 'operator') return next();
  sendProblem(res, { status: 403, title: 'Forbidden', code: 'operator_only', detail: 'Only operator keys (API_KEYS) may use this route' });
};

/**
 * Checks a presented key against every configured key in constant time (all digests are compared,
 * whichever matches). Returns the caller id (16 hex digits of the key's SHA-256) or null.
 */
export function apiKeyMatcher(apiKeys: readonly string[]): (presented: string) => string | null {
  const digests = apiKeys.map(digest);
  return (presented) => {
    const given = digest(presented);
    const ok = digests.reduce((found, d) => timingSafeEqual(d, given) || found, false);
    return ok ? given.toString('hex').slice(0, 16) : null;
  };
}

/** The key of an `Authorization: Bearer <key>` header, or null when there is none. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}
