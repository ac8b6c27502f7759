import { createSimulator, type Simulator } from './server';
import { authorizationHeader, formatSdkDate } from './signing';

/** Bodies stay loosely typed: the assertions themselves check the wire shape. */
const json = (res: Response): Promise<any> => res.json();

const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);
const IAM = { username: 'alice', password: 'pw-1', domainName: 'acme', tokenTtlMs: 60_000 };
const KEYS = { ak: 'SIMAK0000000000000001', sk: 'sim-secret-key' };
const LIST = '/v1/p-123/training-jobs';

let now = T0;
let sim: Simulator;
let url: string;

function tokenRequest(password = IAM.password, scope: Record<string, string> = { name: 'eu-de' }): RequestInit {
  const user = { name: IAM.username, password, domain: { name: IAM.domainName } };
  const body = { auth: { identity: { methods: ['password'], password: { user } }, scope: { project: scope } } };
  return { method: 'POST', headers: { 'Content-Type': 'application/json;charset=utf8' }, body: JSON.stringify(body) };
}

async function issueToken(): Promise<string> {
  const res = await fetch(`${url}/v3/auth/tokens?nocatalog=true`, tokenRequest());
  expect(res.status).toBe(201);
  return res.headers.get('x-subject-token')!;
}

/** Signs the way an SDK would: content-type, host and x-sdk-date, over the raw path and query. */
function signedInit(method: string, pathAndQuery: string, body = '', signedAt = now, sk = KEYS.sk): RequestInit {
  const [path, query = ''] = pathAndQuery.split('?');
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Host: new URL(url).host, 'X-Sdk-Date': formatSdkDate(signedAt) };
  headers.Authorization = authorizationHeader(
    { method, path, query, headers, signedHeaders: ['content-type', 'host', 'x-sdk-date'], body },
    { ak: KEYS.ak, sk },
  );
  delete headers.Host; // fetch sets Host itself, to the same value
  return { method, headers, body: body || undefined };
}

beforeAll(async () => {
  sim = createSimulator({ projectId: 'p-123', iam: IAM, credentials: KEYS, clock: () => now });
  url = await sim.listen();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  now = T0;
});

describe('IAM token', () => {
  it('issues a project-scoped token (201, X-Subject-Token, expires_at) that the ModelArts calls accept', async () => {
    const res = await fetch(`${url}/v3/auth/tokens`, tokenRequest());
    expect(res.status).toBe(201);
    const token = res.headers.get('x-subject-token');
    expect(token).toMatch(/^MII/);
    const { token: body } = await json(res);
    expect(body).toMatchObject({
      expires_at: '2024-01-01T12:01:00.000000Z',
      issued_at: '2024-01-01T12:00:00.000000Z',
      methods: ['password'],
      project: { id: 'p-123', name: 'eu-de' },
      user: { name: 'alice' },
      catalog: [],
    });
    const list = await fetch(url + LIST, { headers: { 'X-Auth-Token': token! } });
    expect(list.status).toBe(200);
    expect(sim.calls().map((c) => [c.op, c.status])).toEqual([
      ['token', 201],
      ['list', 200],
    ]);
  });

  it('refuses a wrong password with the IAM error body and a malformed request with 400', async () => {
    const wrong = await fetch(`${url}/v3/auth/tokens`, tokenRequest('nope'));
    expect(wrong.status).toBe(401);
    expect(await json(wrong)).toEqual({ error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } });
    const unscoped = await fetch(`${url}/v3/auth/tokens`, { ...tokenRequest(), body: JSON.stringify({ auth: { identity: { methods: ['password'] } } }) });
    expect(unscoped.status).toBe(400);
    const foreign = await fetch(`${url}/v3/auth/tokens`, tokenRequest(IAM.password, { id: 'another-project' }));
    expect(foreign.status).toBe(401);
  });

  it('answers 401 APIG.0307 once the token has expired on the injected clock', async () => {
    const token = await issueToken();
    now = T0 + 59_999;
    expect((await fetch(url + LIST, { headers: { 'X-Auth-Token': token } })).status).toBe(200);
    now = T0 + 60_000;
    const expired = await fetch(url + LIST, { headers: { 'X-Auth-Token': token } });
    expect(expired.status).toBe(401);
    expect(await json(expired)).toMatchObject({ error_code: 'APIG.0307', error_msg: 'The token must be updated.' });
  });

  it('answers 401 APIG.0301 without credentials or with an unknown token, and 403 ModelArts.0210 for another project', async () => {
    const missing = await fetch(url + LIST);
    expect([missing.status, (await json(missing)).error_code]).toEqual([401, 'APIG.0301']);
    const bogus = await fetch(url + LIST, { headers: { 'X-Auth-Token': 'MIIforged' } });
    expect([bogus.status, (await json(bogus)).error_code]).toEqual([401, 'APIG.0301']);
    const other = await fetch(`${url}/v1/someone-else/training-jobs`, { headers: { 'X-Auth-Token': await issueToken() } });
    expect([other.status, (await json(other)).error_code]).toEqual([403, 'ModelArts.0210']);
  });

  it('tokenExpireNext makes the next N token calls fail with APIG.0307, then the token works again', async () => {
    const token = await issueToken();
    sim.setFaults({ tokenExpireNext: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(url + LIST, { headers: { 'X-Auth-Token': token } })).status);
    expect(statuses).toEqual([401, 401, 200]);
    expect(sim.calls().filter((c) => c.error_code === 'APIG.0307')).toHaveLength(2);
  });
});

describe('AK/SK signatures', () => {
  it('accepts a correctly signed create (body hashed) and list (query signed)', async () => {
    const body = JSON.stringify({ job_name: 'signed-job', config: { worker_server_num: 1 } });
    const created = await fetch(url + LIST, signedInit('POST', LIST, body));
    expect(created.status).toBe(200);
    const listed = await fetch(`${url}${LIST}?per_page=5&search_content=signed`, signedInit('GET', `${LIST}?per_page=5&search_content=signed`));
    expect(listed.status).toBe(200);
    expect((await json(listed)).jobs.map((j: { job_name: string }) => j.job_name)).toEqual(['signed-job']);
  });

  it('refuses a wrong secret, a body changed after signing and a query changed after signing with APIG.0301', async () => {
    const wrongKey = await fetch(url + LIST, signedInit('GET', LIST, '', now, 'other-secret'));
    const changedBody = await fetch(url + LIST, { ...signedInit('POST', LIST, '{"job_name":"a"}'), body: '{"job_name":"b"}' });
    const changedQuery = await fetch(`${url}${LIST}?page=2`, signedInit('GET', `${LIST}?page=1`));
    for (const res of [wrongKey, changedBody, changedQuery]) {
      expect(res.status).toBe(401);
      expect((await json(res)).error_code).toBe('APIG.0301');
    }
    expect(sim.jobs()).toEqual([]);
  });

  it('refuses an X-Sdk-Date more than 15 minutes off the server clock', async () => {
    expect((await fetch(url + LIST, signedInit('GET', LIST, '', now - 14 * 60_000))).status).toBe(200);
    const stale = await fetch(url + LIST, signedInit('GET', LIST, '', now - 16 * 60_000));
    expect(stale.status).toBe(401);
    expect((await json(stale)).error_msg).toContain('15 minutes');
  });
});
