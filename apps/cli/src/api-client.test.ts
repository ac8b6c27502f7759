import { ApiClient } from './api-client';
import { ApiProblemError, UnreachableError } from './api-errors';
import { closedPortUrl, startFakeJobgate, type FakeJobgate, type FakeReply } from './test-support/fake-jobgate';
import { jobRecord } from './test-support/job-record.fixture';

describe('ApiClient against a local HTTP server', () => {
  let fake: FakeJobgate;
  let reply: FakeReply;
  beforeAll(async () => {
    fake = await startFakeJobgate(() => reply);
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    reply = { status: 202, body: jobRecord() };
  });

  it('sends the key as a bearer token, the body as JSON and the idempotency key as a header', async () => {
    const client = new ApiClient({ baseUrl: `${fake.url}/`, apiKey: 'k-123' });
    await expect(client.submitJob({ training_job: { job_name: 'a' } }, { idempotencyKey: 'idem-1' })).resolves.toEqual(jobRecord());
    const [seen] = fake.requests;
    expect(seen).toMatchObject({ method: 'POST', path: '/v1/jobs', body: { training_job: { job_name: 'a' } } });
    expect(seen!.headers).toMatchObject({ authorization: 'Bearer k-123', 'content-type': 'application/json', 'idempotency-key': 'idem-1' });
  });

  it('keeps a path prefix of the base URL, and sends no Authorization header without a key', async () => {
    reply = { status: 200, body: { items: [], next_cursor: null } };
    await new ApiClient({ baseUrl: `${fake.url}/gateway` }).listJobs({
      status: 'running',
      labels: ['team:vision', 'run:7'],
      sweepId: 'S',
      limit: 5,
      cursor: 'c1',
    });
    const [seen] = fake.requests;
    expect(seen!.path).toBe('/gateway/v1/jobs');
    expect(seen!.query.getAll('label')).toEqual(['team:vision', 'run:7']);
    expect(Object.fromEntries(seen!.query)).toMatchObject({ status: 'running', sweep_id: 'S', limit: '5', cursor: 'c1' });
    expect(seen!.headers.authorization).toBeUndefined();
  });

  it('turns a problem+json answer into an ApiProblemError that keeps the field list and the id asked for', async () => {
    const errors = [{ path: 'training_job.job_name', message: 'is required' }];
    reply = { status: 400, body: { type: 'x', title: 'Invalid request', status: 400, code: 'validation_failed', detail: '1 invalid field', errors } };
    const err = await new ApiClient({ baseUrl: fake.url }).getJob('id/with slash').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiProblemError);
    expect((err as ApiProblemError).problem).toMatchObject({ status: 400, detail: '1 invalid field', errors });
    expect((err as ApiProblemError).request).toEqual({ method: 'GET', path: '/v1/jobs/id%2Fwith%20slash', resourceId: 'id/with slash' });
  });

  it('reads a non-JSON error page (a proxy in front of jobgate) as a problem with its first line', async () => {
    reply = { status: 502, body: 'Bad Gateway from nginx\n<html>…', contentType: 'text/html' };
    const err = (await new ApiClient({ baseUrl: fake.url }).getSweep('s').catch((e: unknown) => e)) as ApiProblemError;
    expect(err.problem).toEqual({ status: 502, title: 'Bad Gateway', detail: 'Bad Gateway from nginx' });
  });

  it('refuses a 2xx answer that is not JSON: whatever answered is not jobgate', async () => {
    reply = { status: 200, body: '<html>welcome</html>', contentType: 'text/html' };
    const err = (await new ApiClient({ baseUrl: fake.url }).getJob('a').catch((e: unknown) => e)) as ApiProblemError;
    expect(err.problem.detail).toBe('GET /v1/jobs/a answered 200 with a body that is not JSON');
  });

  it('reports a closed port as unreachable, with the reason', async () => {
    const url = await closedPortUrl();
    const err = await new ApiClient({ baseUrl: url }).getJob('a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreachableError);
    expect(err).toMatchObject({ baseUrl: url, reason: 'ECONNREFUSED' });
  });
});
