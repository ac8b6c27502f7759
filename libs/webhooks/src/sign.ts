import { createHmac } from 'node:crypto';
import { JobgateError } from '@jobgate/errors';

/** The three Standard Webhooks headers (https://www.standardwebhooks.com). */
export interface WebhookSignatureHeaders {
  'webhook-id': string;
  /** Unix seconds of this attempt; receivers refuse timestamps more than 5 minutes off. */
  'webhook-timestamp': string;
  /** `v1,<base64 HMAC-SHA256>`; a receiver accepts any listed signature during key rotation. */
  'webhook-signature': string;
}

export interface SignInput {
  /** The event id (`msg_…`), stable across retries so receivers can dedupe. */
  id: string;
  timestampSec: number;
  /** The exact bytes that will be sent: the signature covers them, not a re-serialisation. */
  body: string;
  /**
   * `whsec_<base64>`; the key is the base64-decoded part. Several secrets (a rotation's new and old
   * one) give several space-separated `v1,` signatures: a receiver holding either one verifies.
   */
  secret: string | readonly string[];
}

const SECRET_PREFIX = 'whsec_';

/** Signs `${id}.${timestamp}.${body}` the way Standard Webhooks receivers verify it. */
export function signWebhook(input: SignInput): WebhookSignatureHeaders {
  const timestamp = String(Math.floor(input.timestampSec));
  const secrets = typeof input.secret === 'string' ? [input.secret] : input.secret;
  const signatures = secrets.map((secret) => {
    const mac = createHmac('sha256', decodeWebhookSecret(secret)).update(`${input.id}.${timestamp}.${input.body}`, 'utf8').digest('base64');
    return `v1,${mac}`;
  });
  return { 'webhook-id': input.id, 'webhook-timestamp': timestamp, 'webhook-signature': signatures.join(' ') };
}

/**
 * The HMAC key. The `whsec_` prefix is optional (as in the reference libraries); the rest must be
 * base64 of at least 12 bytes (the 16 characters WEBHOOK_SECRET asks for at least), since a short
 * key would make signatures guessable. Call it at start-up so a bad secret stops the process early.
 */
export function decodeWebhookSecret(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
  if (key.length < 12) {
    throw new JobgateError('the webhook secret must be whsec_ followed by base64 of at least 12 bytes', { code: 'webhooks.invalid_secret' });
  }
  return key;
}
