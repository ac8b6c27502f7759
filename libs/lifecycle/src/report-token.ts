import { createHash, randomBytes } from 'node:crypto';

/** Report tokens start with this, so auth can tell them from API keys (`jg_…`) before any lookup. */
export const REPORT_TOKEN_PREFIX = 'jgr_';

/** A new report token: 32 random bytes, base64url. */
export function newReportToken(): string {
  return `${REPORT_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What the store keeps of a token: its SHA-256, hex. */
export function reportTokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
