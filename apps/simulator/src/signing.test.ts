import {
  authorizationHeader,
  canonicalRequest,
  formatSdkDate,
  parseSdkDate,
  sha256Hex,
  signature,
  stringToSign,
  verifySignedRequest,
  type SignableRequest,
} from './signing';

// The worked example of reference §5.2 (Huawei API Request Signing Guide, VPC list call).
const AK = 'QTWAOYTTINDUT2QVKYUC';
const SK = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';
const EXAMPLE: SignableRequest = {
  method: 'GET',
  path: '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs',
  query: 'marker=13551d6b-755d-4757-b956-536f674975c0&limit=2',
  headers: { 'Content-Type': 'application/json', Host: 'service.region.example.com', 'X-Sdk-Date': '20191115T033655Z' },
  signedHeaders: ['x-sdk-date', 'host', 'content-type'],
  body: '',
};
const EXPECTED_CANONICAL = [
  'GET',
  '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/',
  'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
  'content-type:application/json',
  'host:service.region.example.com',
  'x-sdk-date:20191115T033655Z',
  '',
  'content-type;host;x-sdk-date',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
].join('\n');
const EXPECTED_SIGNATURE = '7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe';
const EXAMPLE_NOW = Date.UTC(2019, 10, 15, 3, 36, 55);

describe('SDK-HMAC-SHA256 signing (reference §5.2 worked example)', () => {
  it('builds the exact canonical request, its hash, the string to sign and the signature', () => {
    const canonical = canonicalRequest(EXAMPLE);
    expect(canonical).toBe(EXPECTED_CANONICAL);
    expect(sha256Hex(canonical)).toBe('b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a');
    const toSign = stringToSign(canonical, '20191115T033655Z');
    expect(toSign).toBe('SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a');
    expect(signature(SK, toSign)).toBe(EXPECTED_SIGNATURE);
  });

  it('produces the published Authorization header', () => {
    expect(authorizationHeader(EXAMPLE, { ak: AK, sk: SK })).toBe(
      `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=content-type;host;x-sdk-date, Signature=${EXPECTED_SIGNATURE}`,
    );
  });

  it('verifies the published header and rejects any tampering', () => {
    const headers = { ...EXAMPLE.headers, Authorization: authorizationHeader(EXAMPLE, { ak: AK, sk: SK }) };
    const signed = { ...EXAMPLE, headers };
    expect(verifySignedRequest(signed, { ak: AK, sk: SK }, EXAMPLE_NOW)).toEqual({ ok: true, ak: AK });
    expect(verifySignedRequest({ ...signed, query: 'limit=3&marker=13551d6b-755d-4757-b956-536f674975c0' }, { ak: AK, sk: SK }, EXAMPLE_NOW)).toEqual({
      ok: false,
      reason: 'signature mismatch',
    });
    expect(verifySignedRequest({ ...signed, body: '{}' }, { ak: AK, sk: SK }, EXAMPLE_NOW).ok).toBe(false);
    expect(verifySignedRequest(signed, { ak: AK, sk: 'wrong' }, EXAMPLE_NOW).ok).toBe(false);
    expect(verifySignedRequest(signed, { ak: 'OTHER', sk: SK }, EXAMPLE_NOW)).toEqual({ ok: false, reason: 'unknown access key' });
  });

  it('refuses a signature dated more than 15 minutes away from the server clock', () => {
    const signed = { ...EXAMPLE, headers: { ...EXAMPLE.headers, Authorization: authorizationHeader(EXAMPLE, { ak: AK, sk: SK }) } };
    expect(verifySignedRequest(signed, { ak: AK, sk: SK }, EXAMPLE_NOW + 14 * 60_000).ok).toBe(true);
    const late = verifySignedRequest(signed, { ak: AK, sk: SK }, EXAMPLE_NOW + 16 * 60_000);
    expect(late).toEqual({ ok: false, reason: 'X-Sdk-Date is more than 15 minutes off' });
  });

  it('encodes path segments and query values per RFC 3986 and sorts repeated keys', () => {
    const canonical = canonicalRequest({
      method: 'post',
      path: '/v1/p/a%20b/',
      query: 'b=2&a=z&a=(x)&c=',
      headers: { 'x-sdk-date': '20240101T000000Z' },
      signedHeaders: ['X-Sdk-Date'],
      body: '{"a":1}',
    });
    const lines = canonical.split('\n');
    expect(lines.slice(0, 3)).toEqual(['POST', '/v1/p/a%20b/', 'a=%28x%29&a=z&b=2&c=']);
    expect(lines[lines.length - 1]).toBe(sha256Hex('{"a":1}'));
  });

  it('round-trips the X-Sdk-Date format', () => {
    expect(formatSdkDate(EXAMPLE_NOW)).toBe('20191115T033655Z');
    expect(parseSdkDate('20191115T033655Z')).toBe(EXAMPLE_NOW);
    expect(parseSdkDate('2019-11-15T03:36:55Z')).toBeNaN();
  });
});
