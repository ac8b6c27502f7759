import { ModelArtsClient } from '../client';
import { sendJson, startFakeServer, type ReceivedRequest } from '../testing/fake-http-server';
import { AkSkAuth, canonicalRequest, formatSdkDate, hostHeader, sha256Hex, sign, SIGNED_HEADERS, stringToSign } from './aksk';
import type { SignableRequest } from './auth-provider';

/** The Huawei signing guide's worked example (reference §5.2). */
const AK = 'QTWAOYTTINDUT2QVKYUC';
const SK = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';
const EXAMPLE_URL = 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0';
const EXAMPLE_CANONICAL = [
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
const EXAMPLE_HASH = 'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a';
const EXAMPLE_SIGNATURE = '7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe';

function exampleRequest(): SignableRequest {
  return { method: 'GET', url: new URL(EXAMPLE_URL), headers: { 'Content-Type': 'application/json' }, body: '' };
}

describe('AK/SK signing: the documented worked example', () => {
  it('builds the canonical request, string to sign and signature exactly', () => {
    const req = exampleRequest();
    req.headers.Host = 'service.region.example.com';
    req.headers['X-Sdk-Date'] = '20191115T033655Z';

    const canonical = canonicalRequest(req, SIGNED_HEADERS);
    expect(canonical).toBe(EXAMPLE_CANONICAL);
    expect(sha256Hex(canonical)).toBe(EXAMPLE_HASH);
    const toSign = stringToSign(canonical, '20191115T033655Z');
    expect(toSign).toBe(`SDK-HMAC-SHA256\n20191115T033655Z\n${EXAMPLE_HASH}`);
    expect(sign(toSign, SK)).toBe(EXAMPLE_SIGNATURE);
  });

  it('AkSkAuth adds X-Sdk-Date, Host and the documented Authorization header', async () => {
    const auth = new AkSkAuth({ ak: AK, sk: SK, clock: () => Date.UTC(2019, 10, 15, 3, 36, 55) });
    const req = exampleRequest();
    await auth.apply(req);
    expect(req.headers).toEqual({
      'Content-Type': 'application/json',
      Host: 'service.region.example.com',
      'X-Sdk-Date': '20191115T033655Z',
      Authorization: `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=content-type;host;x-sdk-date, Signature=${EXAMPLE_SIGNATURE}`,
    });
  });
});

describe('AK/SK signing details', () => {
  it('formats X-Sdk-Date as YYYYMMDDTHHMMSSZ in UTC', () => {
    expect(formatSdkDate(new Date('2019-03-07T10:14:59.999Z'))).toBe('20190307T101459Z');
  });

  it('drops the default port of the scheme from Host and keeps others', () => {
    expect(hostHeader(new URL('https://modelarts.example.com:443/v1'))).toBe('modelarts.example.com');
    expect(hostHeader(new URL('http://modelarts.example.com:80/v1'))).toBe('modelarts.example.com');
    expect(hostHeader(new URL('https://modelarts.example.com:8443/v1'))).toBe('modelarts.example.com:8443');
    expect(hostHeader(new URL('http://127.0.0.1:4000/v1'))).toBe('127.0.0.1:4000');
  });

  it('RFC 3986-encodes each path segment once, and sorts and encodes the query', () => {
    const req: SignableRequest = {
      method: 'post',
      url: new URL("https://h/v1/p/a%20b/it's?search_content=x y*&b=2&a=1"),
      headers: { 'content-type': 'application/json', host: 'h', 'x-sdk-date': '20200101T000000Z' },
      body: '{"a":1}',
    };
    const lines = canonicalRequest(req, SIGNED_HEADERS).split('\n');
    expect(lines[0]).toBe('POST');
    expect(lines[1]).toBe('/v1/p/a%20b/it%27s/');
    expect(lines[2]).toBe('a=1&b=2&search_content=x%20y%2A');
    expect(lines[8]).toBe(sha256Hex('{"a":1}'));
  });
});

describe('AkSkAuth against a server that checks signatures', () => {
  /** Recomputes the signature from what actually arrived, as the API gateway does. */
  function signatureIsValid(req: ReceivedRequest): boolean {
    const headers = {
      'content-type': String(req.headers['content-type']),
      host: String(req.headers.host),
      'x-sdk-date': String(req.headers['x-sdk-date']),
    };
    const url = new URL(req.target, `http://${headers.host}`);
    const canonical = canonicalRequest({ method: req.method, url, headers, body: req.body }, SIGNED_HEADERS);
    const expected = sign(stringToSign(canonical, headers['x-sdk-date']), SK);
    return req.headers.authorization === `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=content-type;host;x-sdk-date, Signature=${expected}`;
  }

  it('sends exactly the signed method, path, query, headers and body', async () => {
    const server = await startFakeServer((req, res) => {
      if (!signatureIsValid(req)) return sendJson(res, 401, { error_code: 'APIG.0303', error_msg: 'Incorrect app authentication information' });
      if (req.method === 'POST') {
        return sendJson(res, 200, { is_success: true, job_id: 1, job_name: 'a b', version_id: 2, status: 1, create_time: 1 });
      }
      sendJson(res, 200, { is_success: true, job_total_count: 0, jobs: [] });
    });
    try {
      const client = new ModelArtsClient({ endpoint: `${server.url}/`, projectId: 'proj', auth: new AkSkAuth({ ak: AK, sk: SK }) });
      await client.createTrainingJob({ job_name: 'a b', config: { worker_server_num: 1 } });
      await client.listTrainingJobs({ searchContent: "x y*'", perPage: 1000, order: 'desc' });
      expect(server.requests.map((r) => r.target)).toEqual([
        '/v1/proj/training-jobs',
        '/v1/proj/training-jobs?per_page=1000&order=desc&search_content=x%20y%2A%27',
      ]);
      expect(server.requests.every(signatureIsValid)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
