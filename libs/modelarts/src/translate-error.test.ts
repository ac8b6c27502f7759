import { JobgateError } from '@jobgate/errors';
import { AuthError } from './auth-error';
import type { AuthProvider } from './auth/auth-provider';
import { classify } from './classify';
import { ModelArtsClient, type ModelArtsClientOptions } from './client';
import { ModelArtsError } from './modelarts-error';
import { closedPort, sendJson, startFakeServer, type FakeHandler, type FakeServer } from './testing/fake-http-server';
import { ThrottledError } from './throttled-error';
import { errorFromNetworkFailure } from './translate-error';
import { isNameTakenError } from './index';

const auth: AuthProvider = { apply: async () => undefined };
const NOW = Date.UTC(2024, 0, 1, 12, 0, 0);

/** One real HTTP answer from a fake ModelArts, turned into the error the client throws. */
async function errorFor(handler: FakeHandler, options: Partial<ModelArtsClientOptions> = {}): Promise<unknown> {
  const server = await startFakeServer(handler);
  try {
    const client = new ModelArtsClient({ endpoint: server.url, projectId: 'p', auth, clock: () => NOW, ...options });
    return await client.createTrainingJob({ job_name: 'j', config: { worker_server_num: 1 } }).then(
      () => new Error('expected the call to fail'),
      (err: unknown) => err,
    );
  } finally {
    await server.close();
  }
}

describe('errors from HTTP answers', () => {
  it('429 with Retry-After seconds → ThrottledError with retryAfterMs', async () => {
    const err = await errorFor((_req, res) =>
      sendJson(res, 429, { error_code: 'APIG.0308', error_msg: 'The throttling threshold has been reached' }, { 'Retry-After': '2' }),
    );
    expect(err).toBeInstanceOf(ThrottledError);
    expect(err).toBeInstanceOf(ModelArtsError);
    expect(err).toBeInstanceOf(JobgateError);
    expect(err).toMatchObject({
      httpStatus: 429,
      errorCode: 'APIG.0308',
      code: 'APIG.0308',
      errorMessage: 'The throttling threshold has been reached',
      retryAfterMs: 2000,
      retryable: true,
      outcomeUnknown: false,
    });
    expect(classify(err)).toBe('throttled');
  });

  it('reads Retry-After given as an HTTP date against the client clock', async () => {
    const at = new Date(NOW + 30_000).toUTCString();
    const err = await errorFor((_req, res) => sendJson(res, 429, 'Too Many Requests', { 'Retry-After': at }));
    expect(err).toMatchObject({ errorCode: 'http.429', retryAfterMs: 30_000 });
  });

  it.each(['ModelArts.4206', 'ModelArts.2799', 'ModelArts.6101'])('%s is throttling even inside an HTTP 200 envelope', async (code) => {
    const err = await errorFor((_req, res) => sendJson(res, 200, { is_success: false, error_code: code, error_message: 'busy' }));
    expect(err).toBeInstanceOf(ThrottledError);
    expect(err).toMatchObject({ errorCode: code, retryAfterMs: null });
  });

  it('503 → transient, outcome unknown', async () => {
    const err = await errorFor((_req, res) => sendJson(res, 503, '<html>Service Unavailable</html>'));
    expect(err).toBeInstanceOf(ModelArtsError);
    expect(err).not.toBeInstanceOf(ThrottledError);
    expect(err).toMatchObject({ httpStatus: 503, errorCode: 'http.503', retryable: true, outcomeUnknown: true });
    expect(classify(err)).toBe('transient');
  });

  it.each([408, 500, 502, 504])('HTTP %i → transient', async (status) => {
    const err = await errorFor((_req, res) => sendJson(res, status, {}));
    expect(err).toMatchObject({ retryable: true, outcomeUnknown: status >= 500 });
  });

  it('IAM unavailable (APIG.0613) and ModelArts.2878 are transient', async () => {
    const iam = await errorFor((_req, res) => sendJson(res, 503, { error_code: 'APIG.0613', error_msg: 'IAM unavailable' }));
    expect(iam).toMatchObject({ errorCode: 'APIG.0613', retryable: true });
    const changed = await errorFor((_req, res) => sendJson(res, 409, { is_success: false, error_code: 'ModelArts.2878', error_message: 'retry later' }));
    expect(changed).toMatchObject({ errorCode: 'ModelArts.2878', retryable: true, outcomeUnknown: false });
  });

  it('a 5xx with Retry-After → transient, with retryAfterMs (seconds or an HTTP date)', async () => {
    const seconds = await errorFor((_req, res) => sendJson(res, 503, { error_code: 'APIG.0202', error_msg: 'backend unavailable' }, { 'Retry-After': '7' }));
    expect(seconds).toMatchObject({ httpStatus: 503, retryable: true, outcomeUnknown: true, retryAfterMs: 7_000 });
    const date = await errorFor((_req, res) =>
      sendJson(res, 502, { error_code: 'APIG.0202', error_msg: 'x' }, { 'Retry-After': new Date(NOW + 4_000).toUTCString() }),
    );
    expect(date).toMatchObject({ retryAfterMs: 4_000 });
    const none = await errorFor((_req, res) => sendJson(res, 500, { error_code: 'ModelArts.0010', error_msg: 'x' }));
    expect(none).toMatchObject({ retryAfterMs: null });
  });

  it('400 ModelArts.0103 → permanent, keeping error_code and error_message', async () => {
    const err = await errorFor((_req, res) =>
      sendJson(res, 400, { is_success: false, error_message: 'Job name:TestModelArtsJob is existed', error_code: 'ModelArts.0103' }),
    );
    expect(err).toBeInstanceOf(ModelArtsError);
    expect(err).not.toBeInstanceOf(AuthError);
    expect(err).toMatchObject({
      httpStatus: 400,
      code: 'ModelArts.0103',
      errorCode: 'ModelArts.0103',
      errorMessage: 'Job name:TestModelArtsJob is existed',
      retryable: false,
      outcomeUnknown: false,
    });
    expect(classify(err)).toBe('permanent');
  });

  it('a taken job name is recognised by isNameTakenError, whether ModelArts says 0103 (v1 sample) or 2751 (DuplicateTrainingJobName)', async () => {
    const v1 = await errorFor((_req, res) => sendJson(res, 400, { is_success: false, error_message: 'Job name:j is existed', error_code: 'ModelArts.0103' }));
    const table = await errorFor((_req, res) =>
      sendJson(res, 400, { is_success: false, error_message: 'DuplicateTrainingJobName', error_code: 'ModelArts.2751' }),
    );
    expect([isNameTakenError(v1), isNameTakenError(table)]).toEqual([true, true]);
    expect(table).toMatchObject({ errorCode: 'ModelArts.2751', retryable: false, outcomeUnknown: false });
    const other = await errorFor((_req, res) => sendJson(res, 400, { is_success: false, error_message: 'invalid', error_code: 'ModelArts.0101' }));
    expect([isNameTakenError(other), isNameTakenError(new Error('ModelArts.0103')), isNameTakenError(undefined)]).toEqual([false, false, false]);
  });

  it('is_success:false with HTTP 200 → permanent; error_msg is read as well as error_message', async () => {
    const err = await errorFor((_req, res) => sendJson(res, 200, { is_success: false, error_code: 'ModelArts.0105', error_msg: 'Error string' }));
    expect(err).toMatchObject({ httpStatus: 200, errorCode: 'ModelArts.0105', errorMessage: 'Error string', retryable: false });
  });

  it('401 and auth codes → AuthError', async () => {
    const expired = await errorFor((_req, res) => sendJson(res, 401, { error_code: 'APIG.0307', error_msg: 'The token must be updated' }));
    expect(expired).toBeInstanceOf(AuthError);
    const badKey = await errorFor((_req, res) => sendJson(res, 403, { error_code: 'ModelArts.0206', error_msg: 'invalid AK/SK' }));
    expect(badKey).toBeInstanceOf(AuthError);
    expect(classify(badKey)).toBe('auth');
  });

  it('other 4xx (403 permission, 404) are permanent, not auth', async () => {
    const err = await errorFor((_req, res) => sendJson(res, 403, { error_code: 'ModelArts.0108', error_msg: 'not authorized for OBS' }));
    expect(err).not.toBeInstanceOf(AuthError);
    expect(classify(err)).toBe('permanent');
  });

  it('connection refused → transient, the request never arrived', async () => {
    const err = await errorFor(() => undefined, { endpoint: `http://127.0.0.1:${await closedPort()}` });
    expect(err).toMatchObject({ httpStatus: null, errorCode: 'network.ECONNREFUSED', retryable: true, outcomeUnknown: false });
    expect(classify(err)).toBe('transient');
  });

  it('the server closing the connection after reading the request → transient, outcome unknown', async () => {
    const err = await errorFor((_req, res) => {
      res.socket?.destroy();
    });
    expect(err).toBeInstanceOf(ModelArtsError);
    expect(err).toMatchObject({ httpStatus: null, retryable: true, outcomeUnknown: true });
    expect((err as ModelArtsError).errorCode).toMatch(/^network\.(UND_ERR_SOCKET|ECONNRESET)$/);
  });

  it('no answer within timeoutMs → network.timeout, outcome unknown', async () => {
    const started = Date.now();
    const err = await errorFor(() => undefined, { timeoutMs: 200 });
    expect(err).toMatchObject({ httpStatus: null, errorCode: 'network.timeout', retryable: true, outcomeUnknown: true });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a body that stops halfway is a timeout too', async () => {
    const err = await errorFor(
      (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"is_success": true,');
      },
      { timeoutMs: 200 },
    );
    expect(err).toMatchObject({ errorCode: 'network.timeout', outcomeUnknown: true });
  });
});

describe('errorFromNetworkFailure', () => {
  const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });
  const systemError = (code: string) => Object.assign(new Error(code), { code });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT'])('%s never reached the server', (code) => {
    expect(errorFromNetworkFailure(fetchFailed(systemError(code)), false)).toMatchObject({
      errorCode: `network.${code}`,
      retryable: true,
      outcomeUnknown: false,
    });
  });

  it.each(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'])('%s may have happened after the request was sent', (code) => {
    expect(errorFromNetworkFailure(fetchFailed(systemError(code)), false)).toMatchObject({ retryable: true, outcomeUnknown: true });
  });

  it('finds a code nested one level deeper', () => {
    const nested = Object.assign(new Error('other side closed'), { cause: systemError('ECONNRESET') });
    expect(errorFromNetworkFailure(fetchFailed(nested), false).errorCode).toBe('network.ECONNRESET');
  });

  it('a fetch error without a network cause is a permanent request error', () => {
    expect(errorFromNetworkFailure(new TypeError('invalid header value'), false)).toMatchObject({
      errorCode: 'modelarts.request_failed',
      retryable: false,
      outcomeUnknown: false,
    });
  });
});

describe('classify', () => {
  it('treats foreign errors as permanent', () => {
    expect(classify(new Error('bug'))).toBe('permanent');
    expect(classify('string')).toBe('permanent');
    expect(classify(new JobgateError('x', { code: 'x', retryable: true }))).toBe('transient');
  });
});
