import { createHmac, timingSafeEqual } from 'node:crypto';

/** The queue dashboard's session cookie; scoped to its path, so /v1 never sees it. */
export const ADMIN_COOKIE = 'jobgate_admin';
/** How long a browser session lasts after `?api_key=`; then the key must be given again. */
export const ADMIN_SESSION_SEC = 12 * 3600;

/**
 * Session cookies for the queue dashboard, `<expiresSec>.<HMAC-SHA256(key, expiresSec)>`: they hold
 * no key, end by themselves, and end at once for a key removed from API_KEYS (rotation).
 */
export class AdminSessions {
  constructor(
    private readonly apiKeys: readonly string[],
    private readonly nowSec: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  /** A cookie value for a key that has already been checked. */
  issue(apiKey: string): string {
    const expires = this.nowSec() + ADMIN_SESSION_SEC;
    return `${expires}.${mac(apiKey, expires).toString('base64url')}`;
  }

  /** Whether a cookie value is a live session of a configured key; every key is compared, in constant time. */
  verify(value: string | undefined): boolean {
    const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
    if (!match) return false;
    const expires = Number(match[1]);
    const given = Buffer.from(match[2]!, 'base64url');
    const ok = this.apiKeys.reduce((found, key) => timingSafeEqual(mac(key, expires), given) || found, false);
    return ok && expires > this.nowSec();
  }
}

function mac(apiKey: string, expires: number): Buffer {
  return createHmac('sha256', apiKey).update(`jobgate-admin-session:${expires}`).digest();
}

/** The value of one cookie in a Cookie header (no cookie-parser needed for one cookie). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
