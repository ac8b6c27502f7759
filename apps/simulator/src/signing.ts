import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The API Gateway signing scheme (reference §5.2); no credential scope, unlike AWS SigV4. */
const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';

/** Requests signed more than this far from the server clock are refused (gateway replay window). */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** What the canonical request is built from, exactly as it travels on the wire. */
export interface SignableRequest {
  method: string;
  /** Raw request path without the query, e.g. `/v1/p1/training-jobs`. */
  path: string;
  /** Raw query string without `?`; empty when there is none. */
  query: string;
  /** Header values by name (any case); only the signed ones are read. */
  headers: Record<string, string | string[] | undefined>;
  /** Lower-case header names that take part in the signature. */
  signedHeaders: string[];
  body: Buffer | string;
}

/** The six canonical-request lines of §5.2 step 1, joined with `\n`. */
export function canonicalRequest(req: SignableRequest): string {
  const names = [...req.signedHeaders].map((h) => h.toLowerCase()).sort();
  const lowered = lowerCaseKeys(req.headers);
  const headerBlock = names.map((n) => `${n}:${headerValue(lowered[n]).trim()}\n`).join('');
  const contentHash = headerValue(lowered['x-sdk-content-sha256']) || sha256Hex(req.body);
  return [req.method.toUpperCase(), canonicalUri(req.path), canonicalQuery(req.query), headerBlock, names.join(';'), contentHash].join('\n');
}

/** Step 2: algorithm, the X-Sdk-Date value and the hash of the canonical request. */
export function stringToSign(canonical: string, sdkDate: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

/** Step 3: the raw SK is the HMAC key; there is no key derivation. */
export function signature(sk: string, toSign: string): string {
  return createHmac('sha256', sk).update(toSign, 'utf8').digest('hex');
}

/** Step 4: the Authorization header value for a request (the header itself is never signed). */
export function authorizationHeader(req: SignableRequest, credentials: { ak: string; sk: string }): string {
  const lowered = lowerCaseKeys(req.headers);
  const sig = signature(credentials.sk, stringToSign(canonicalRequest(req), headerValue(lowered['x-sdk-date'])));
  const names = [...req.signedHeaders]
    .map((h) => h.toLowerCase())
    .sort()
    .join(';');
  return `${SIGNING_ALGORITHM} Access=${credentials.ak}, SignedHeaders=${names}, Signature=${sig}`;
}

/** Outcome of checking an incoming request; a bad signature is an expected value, not an exception. */
export type VerifyResult = { ok: true; ak: string } | { ok: false; reason: string };

/**
 * Recomputes the signature of an incoming request the way the gateway does: the Authorization
 * header names the AK and the signed headers, `X-Sdk-Date` must be within {@link MAX_CLOCK_SKEW_MS}.
 */
export function verifySignedRequest(req: Omit<SignableRequest, 'signedHeaders'>, credentials: { ak: string; sk: string }, nowMs: number): VerifyResult {
  const lowered = lowerCaseKeys(req.headers);
  const auth = parseAuthorization(headerValue(lowered['authorization']));
  if (!auth) return { ok: false, reason: 'malformed Authorization header' };
  if (auth.ak !== credentials.ak) return { ok: false, reason: 'unknown access key' };
  const sdkDate = headerValue(lowered['x-sdk-date']);
  const signedAt = parseSdkDate(sdkDate);
  if (Number.isNaN(signedAt)) return { ok: false, reason: 'missing or malformed X-Sdk-Date' };
  if (Math.abs(nowMs - signedAt) > MAX_CLOCK_SKEW_MS) return { ok: false, reason: 'X-Sdk-Date is more than 15 minutes off' };
  // Only X-Sdk-Date is mandatory among the signed headers (Huawei signing FAQ); unsigned, it could be replayed.
  if (!auth.signedHeaders.includes('x-sdk-date')) return { ok: false, reason: 'x-sdk-date is not a signed header' };
  if (auth.signedHeaders.some((h) => lowered[h] === undefined)) return { ok: false, reason: 'a signed header is missing' };
  const expected = signature(credentials.sk, stringToSign(canonicalRequest({ ...req, signedHeaders: auth.signedHeaders }), sdkDate));
  return sameSignature(expected, auth.signature) ? { ok: true, ak: auth.ak } : { ok: false, reason: 'signature mismatch' };
}

/** `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex` → its parts, or undefined. */
function parseAuthorization(value: string): { ak: string; signedHeaders: string[]; signature: string } | undefined {
  const m = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)\s*$/.exec(value);
  if (!m) return undefined;
  return { ak: m[1], signedHeaders: m[2].toLowerCase().split(';').filter(Boolean), signature: m[3].toLowerCase() };
}

/** `X-Sdk-Date` format `YYYYMMDDTHHMMSSZ` (UTC), e.g. `20191115T033655Z`. */
export function formatSdkDate(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Inverse of {@link formatSdkDate}; NaN when the value does not have that exact shape. */
export function parseSdkDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Constant-time comparison of two hex signatures. */
function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Each segment decoded then RFC 3986-encoded, with a trailing `/` added for signing only. */
function canonicalUri(path: string): string {
  const encoded = path
    .split('/')
    .map((segment) => rfc3986(safeDecode(segment)))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** Keys sorted, values of a repeated key sorted too (the Python SDK does the same). */
function canonicalQuery(query: string): string {
  if (!query) return '';
  const grouped = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(query)) grouped.set(key, [...(grouped.get(key) ?? []), value]);
  return [...grouped.keys()]
    .sort(byCodeUnit)
    .flatMap((key) => [...grouped.get(key)!].sort(byCodeUnit).map((v) => `${rfc3986(key)}=${rfc3986(v)}`))
    .join('&');
}

/** encodeURIComponent leaves `!'()*` alone; RFC 3986 (and the SDK's quote(safe='~')) does not. */
function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function lowerCaseKeys(headers: SignableRequest['headers']): Record<string, string | string[] | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function headerValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}
