import { createHash, createHmac } from 'node:crypto';
import { encodeRfc3986 } from '../rfc3986';
import type { AuthProvider, Clock, SignableRequest } from './auth-provider';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';

/** The headers we sign; only `x-sdk-date` is mandatory, these three are the documented usual set. */
export const SIGNED_HEADERS: readonly string[] = ['content-type', 'host', 'x-sdk-date'];

export interface AkSkAuthOptions {
  /** Access key ID. */
  ak: string;
  /** Secret access key. */
  sk: string;
  /** Epoch-ms clock for `X-Sdk-Date`. Default: `Date.now`. The gateway rejects skewed clocks. */
  clock?: Clock;
}

/** API-gateway request signing ("SDK-HMAC-SHA256", §5.2). Stateless: nothing to invalidate. */
export class AkSkAuth implements AuthProvider {
  private readonly clock: Clock;

  constructor(private readonly options: AkSkAuthOptions) {
    this.clock = options.clock ?? Date.now;
  }

  async apply(req: SignableRequest): Promise<void> {
    const sdkDate = formatSdkDate(new Date(this.clock()));
    setHeader(req.headers, 'Host', hostHeader(req.url));
    setHeader(req.headers, 'X-Sdk-Date', sdkDate);
    if (headerValue(req.headers, 'content-type') === undefined) setHeader(req.headers, 'Content-Type', 'application/json');
    const signature = sign(stringToSign(canonicalRequest(req, SIGNED_HEADERS), sdkDate), this.options.sk);
    setHeader(
      req.headers,
      'Authorization',
      `${SIGNING_ALGORITHM} Access=${this.options.ak}, SignedHeaders=${SIGNED_HEADERS.join(';')}, Signature=${signature}`,
    );
  }
}

/** `YYYYMMDDTHHMMSSZ` in UTC, e.g. `20191115T033655Z`. */
export function formatSdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** `hostname[:port]`, without the scheme's default port (WHATWG `URL.host` already drops it). */
export function hostHeader(url: URL): string {
  return url.host;
}

/**
 * The six-part canonical request: method, canonical URI (each segment RFC 3986-encoded, ending in
 * `/`), sorted encoded query, `name:value\n` per signed header, signed header names, hex SHA-256 of
 * the body.
 */
export function canonicalRequest(req: SignableRequest, signedHeaders: readonly string[]): string {
  const names = signedHeaders.map((name) => name.toLowerCase()).sort();
  const headerBlock = names.map((name) => `${name}:${(headerValue(req.headers, name) ?? '').trim()}\n`).join('');
  return [req.method.toUpperCase(), canonicalUri(req.url), canonicalQuery(req.url), headerBlock, names.join(';'), sha256Hex(req.body)].join('\n');
}

export function stringToSign(canonical: string, sdkDate: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

/** Lower-hex HMAC-SHA256 keyed with the raw SK: the scheme has no key derivation. */
export function sign(toSign: string, sk: string): string {
  return createHmac('sha256', sk).update(toSign, 'utf8').digest('hex');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Segments are decoded first so that an already-encoded path is not encoded twice (as the SDKs do). */
function canonicalUri(url: URL): string {
  const path = url.pathname
    .split('/')
    .map((segment) => encodeRfc3986(safeDecode(segment)))
    .join('/');
  return path.endsWith('/') ? path : `${path}/`;
}

function canonicalQuery(url: URL): string {
  return [...url.searchParams]
    .map(([key, value]) => [encodeRfc3986(key), encodeRfc3986(value)] as const)
    .sort(([ka, va], [kb, vb]) => compare(ka, kb) || compare(va, vb))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function headerValue(headers: Record<string, string>, lowerName: string): string | undefined {
  const key = Object.keys(headers).find((name) => name.toLowerCase() === lowerName);
  return key === undefined ? undefined : headers[key];
}

/** Replaces a header whatever the case of an existing entry, so no name is sent twice. */
function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
  headers[name] = value;
}
