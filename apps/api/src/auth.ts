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
  const digests = options.apiKeys.map(digest);
  return (req, res, next) => {
    if (options.disabled) {
      res.locals.caller = 'anonymous';
      return next();
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const presented = match ? digest(match[1]!) : null;
    const ok = presented !== null && digests.reduce((found, d) => timingSafeEqual(d, presented) || found, false);
    if (!ok) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="jobgate"');
      return sendProblem(res, {
        status: 401,
        title: 'Unauthorized',
        code: match ? 'invalid_api_key' : 'missing_api_key',
        detail: match ? 'The API key is not valid' : 'Send an API key as "Authorization: Bearer <key>"',
      });
    }
    res.locals.caller = presented.toString('hex').slice(0, 16);
    next();
  };
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}
