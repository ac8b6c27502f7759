import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { sendProblem } from './problem';

export interface AuthOptions {
  apiKeys: readonly string[];
  /** Local use only: every request is let through as the `anonymous` caller. */
  disabled: boolean;
}

/**
 * `Authorization: Bearer <key>`. Keys are compared as SHA-256 digests with timingSafeEqual, so the
 * time taken says nothing about how much of a key matched; several keys allow rotation.
 * Sets `res.locals.caller` to a short hash of the key: the owner of idempotency keys.
 */
export function bearerAuth(options: AuthOptions): RequestHandler {
  const match = apiKeyMatcher(options.apiKeys);
  return (req, res, next) => {
    if (options.disabled) {
      res.locals.caller = 'anonymous';
      return next();
    }
    const presented = bearerToken(req.headers.authorization);
    const caller = presented === null ? null : match(presented);
    if (caller === null) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="jobgate"');
      return sendProblem(res, {
        status: 401,
        title: 'Unauthorized',
        code: presented !== null ? 'invalid_api_key' : 'missing_api_key',
        detail: presented !== null ? 'The API key is not valid' : 'Send an API key as "Authorization: Bearer <key>"',
      });
    }
    res.locals.caller = caller;
    next();
  };
}

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
