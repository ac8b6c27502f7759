import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Caller } from '@jobgate/lifecycle';
import { sendProblem } from './problem';

export interface AuthOptions {
  /** Operator keys (API_KEYS): they see and act on everything. */
  apiKeys: readonly string[];
  /** Local use only: every request is let through as the `anonymous` operator. */
  disabled: boolean;
  /** Looks up a team key (`jg_…`); default none (operator keys only). */
  teamKey?: (presented: string) => Promise<Caller | null>;
}

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
    const caller = operator !== null ? ({ kind: 'operator', keyId: operator } as const) : presented !== null && options.teamKey ? await options.teamKey(presented) : null;
    if (caller === null) {
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
