import { classify } from '../classify';
import { AuthError } from '../auth-error';
import { ModelArtsError } from '../modelarts-error';
import { sendJson, startFakeIam, startFakeServer, type FakeIam } from '../testing/fake-http-server';
import type { SignableRequest } from './auth-provider';
import { TokenAuth, type TokenAuthOptions } from './token';

const HOUR = 3600_000;

function request(): SignableRequest {
  return { method: 'GET', url: new URL('https://modelarts.example.com/v1/p/training-jobs'), headers: {}, body: '' };
}

async function tokenOf(auth: TokenAuth): Promise<string> {
  const req = request();
  await auth.apply(req);
  return req.headers['X-Auth-Token'];
}

describe('TokenAuth', () => {
  let iam: FakeIam;
  let now: number;
  const clock = () => now;

  function tokenAuth(extra: Partial<TokenAuthOptions> = {}): TokenAuth {
    return new TokenAuth({
      iamEndpoint: `${iam.url}/`,
      username: 'alice',
      password: 'secret',
      domainName: 'acme',
      projectName: 'eu-de',
      clock,
      ...extra,
    });
  }

  beforeEach(async () => {
    iam = await startFakeIam({ lifetimeMs: 24 * HOUR });
    now = Date.UTC(2024, 0, 1);
  });
  afterEach(() => iam.close());

  it('fetches a project-scoped token with the password body and sends it as X-Auth-Token', async () => {
    expect(await tokenOf(tokenAuth())).toBe('tok-1');
    const [sent] = iam.requests;
    expect(sent.target).toBe('/v3/auth/tokens');
    expect(sent.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(sent.body)).toEqual({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'alice', password: 'secret', domain: { name: 'acme' } } },
        },
        scope: { project: { name: 'eu-de' } },
      },
    });
  });

  it('scopes by project ID when given', async () => {
    await tokenOf(tokenAuth({ projectId: '0215ef11e49d4743be23dd97a1561e91' }));
    expect(JSON.parse(iam.requests[0].body).auth.scope).toEqual({ project: { id: '0215ef11e49d4743be23dd97a1561e91' } });
  });

  it('refuses options without a project scope', () => {
    expect(() => tokenAuth({ projectName: undefined })).toThrow(/projectId or projectName/);
  });

  it('reuses the token until refreshBeforeMs before expiry, then fetches a new one', async () => {
    const auth = tokenAuth();
    expect(await tokenOf(auth)).toBe('tok-1');
    now += 24 * HOUR - 5 * 60_000 - 1;
    expect(await tokenOf(auth)).toBe('tok-1');
    expect(iam.issued).toBe(1);
    now += 1;
    expect(await tokenOf(auth)).toBe('tok-2');
    expect(iam.issued).toBe(2);
  });

  it('honours a custom refreshBeforeMs', async () => {
    const auth = tokenAuth({ refreshBeforeMs: HOUR });
    await tokenOf(auth);
    now += 23 * HOUR;
    expect(await tokenOf(auth)).toBe('tok-2');
  });

  it('shares one IAM request among concurrent callers', async () => {
    iam.delayMs = 50;
    const auth = tokenAuth();
    const tokens = await Promise.all(Array.from({ length: 10 }, () => tokenOf(auth)));
    expect(tokens).toEqual(Array(10).fill('tok-1'));
    expect(iam.requests).toHaveLength(1);
  });

  it('invalidate() drops the cache, but ignores a refusal of a token already replaced', async () => {
    const auth = tokenAuth();
    const first = request();
    await auth.apply(first);
    auth.invalidate(first);
    expect(await tokenOf(auth)).toBe('tok-2');
    auth.invalidate(first); // a late refusal of tok-1 must not discard tok-2
    expect(await tokenOf(auth)).toBe('tok-2');
    auth.invalidate();
    expect(await tokenOf(auth)).toBe('tok-3');
  });

  it('turns a wrong password (IAM 401) into a permanent AuthError', async () => {
    iam.fail = { status: 401, body: { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } } };
    const err = await tokenOf(tokenAuth()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err).toMatchObject({ httpStatus: 401, errorCode: 'iam.401', errorMessage: 'The username or password is wrong.', retryable: false });
    expect(classify(err)).toBe('auth');
  });

  it('treats IAM 503 as transient and does not cache the failure', async () => {
    iam.fail = { status: 503, body: 'Service Unavailable' };
    const auth = tokenAuth();
    const err = await tokenOf(auth).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelArtsError);
    expect(err).toMatchObject({ httpStatus: 503, errorCode: 'iam.503', retryable: true });
    expect(classify(err)).toBe('transient');
    iam.fail = null;
    expect(await tokenOf(auth)).toBe('tok-1');
  });

  it('keeps using a still-valid token when an early refresh fails', async () => {
    const auth = tokenAuth();
    await tokenOf(auth);
    now += 24 * HOUR - 60_000; // inside the refresh window, not yet expired
    iam.fail = { status: 503, body: {} };
    expect(await tokenOf(auth)).toBe('tok-1');
    now += 60_000; // expired now
    await expect(tokenOf(auth)).rejects.toMatchObject({ errorCode: 'iam.503' });
  });

  it('reports an answer without X-Subject-Token as a bad response', async () => {
    const bare = await startFakeServer((_req, res) => sendJson(res, 201, { token: { expires_at: '2099-01-01T00:00:00.000000Z' } }));
    try {
      const auth = new TokenAuth({ iamEndpoint: bare.url, username: 'u', password: 'p', domainName: 'd', projectName: 'eu-de' });
      await expect(tokenOf(auth)).rejects.toMatchObject({ errorCode: 'modelarts.bad_response', retryable: false });
    } finally {
      await bare.close();
    }
  });
});
