import type { Request, RequestHandler, Response } from 'express';
import { apiKeyMatcher, bearerToken, type AuthOptions } from '../auth';
import { sendProblem } from '../problem';
import { ADMIN_COOKIE, ADMIN_SESSION_SEC, AdminSessions, readCookie } from './admin-session';

/**
 * Guards the queue dashboard with the API keys. Scripts send `Authorization: Bearer <key>`.
 * A browser opens `<path>?api_key=<key>` once: the key is checked like a bearer key, exchanged for
 * an HttpOnly, SameSite=Strict session cookie (no script can read it, no other site can send it),
 * and the browser is redirected to the same URL without the key, so it leaves the address bar.
 */
export function adminAuth(options: AuthOptions): RequestHandler {
  const match = apiKeyMatcher(options.apiKeys);
  const sessions = new AdminSessions(options.apiKeys);
  return (req, res, next) => {
    if (options.disabled) return next();
    const queryKey = typeof req.query.api_key === 'string' ? req.query.api_key : null;
    if (queryKey !== null) {
      if (match(queryKey) === null) return refuse(res, 'invalid_api_key', 'The API key is not valid');
      setSessionCookie(req, res, sessions.issue(queryKey));
      return res.redirect(303, withoutApiKey(req));
    }
    const bearer = bearerToken(req.headers.authorization);
    if (bearer !== null) return match(bearer) === null ? refuse(res, 'invalid_api_key', 'The API key is not valid') : next();
    if (sessions.verify(readCookie(req.headers.cookie, ADMIN_COOKIE))) return next();
    refuse(res, 'missing_api_key', 'Send "Authorization: Bearer <key>", or open this page once with ?api_key=<key> in a browser');
  };
}

function refuse(res: Response, code: string, detail: string): void {
  res.setHeader('WWW-Authenticate', 'Bearer realm="jobgate"');
  sendProblem(res, { status: 401, title: 'Unauthorized', code, detail });
}

function setSessionCookie(req: Request, res: Response, value: string): void {
  res.cookie(ADMIN_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    // Secure whenever this process terminates TLS itself; behind a TLS proxy the proxy's link is trusted.
    secure: req.secure,
    path: req.baseUrl || '/',
    maxAge: ADMIN_SESSION_SEC * 1000,
  });
}

function withoutApiKey(req: Request): string {
  const url = new URL(req.originalUrl, 'http://jobgate.invalid');
  url.searchParams.delete('api_key');
  return `${url.pathname}${url.search}`;
}
