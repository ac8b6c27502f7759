import { ApiClient } from './api-client';
import { ApiProblemError } from './api-errors';
import { startFakeJobgate, type FakeJobgate, type FakeReply } from './test-support/fake-jobgate';

/**
 * ApiClient's untyped path (a method and a concrete path), kept for calls not yet written against the
 * document's path templates: it goes through the same generated client and error handling as the rest.
 */
describe('ApiClient.request: a concrete path through the generated client', () => {
  let fake: FakeJobgate;
  let reply: FakeReply;
  beforeAll(async () => {
    fake = await startFakeJobgate(() => reply);
  });
  afterAll(() => fake.close());
  beforeEach(() => (fake.requests.length = 0));

  it('sends method, path, query, key and JSON body as given, and answers the parsed body', async () => {
    reply = { status: 200, body: { items: [{ to_status: 'queued' }] } };
    const client = new ApiClient({ baseUrl: `${fake.url}/gateway`, apiKey: 'k-9' });
    const answer = await client['request']<{ items: unknown[] }>('POST', '/v1/jobs/j1/events?x=1', { body: { a: 1 }, headers: { 'X-Extra': 'y' } });
    expect(answer).toEqual({ items: [{ to_status: 'queued' }] });
    const [seen] = fake.requests;
    expect(seen).toMatchObject({ method: 'POST', path: '/gateway/v1/jobs/j1/events', body: { a: 1 } });
    expect(seen!.query.get('x')).toBe('1');
    expect(seen!.headers).toMatchObject({ authorization: 'Bearer k-9', 'content-type': 'application/json', 'x-extra': 'y' });
  });

  it('turns an error answer into an ApiProblemError naming the call and the id asked for', async () => {
    reply = { status: 404, body: { type: 'x', title: 'Not Found', status: 404, detail: 'no job j2' } };
    const client = new ApiClient({ baseUrl: fake.url });
    const err = await client['request']('GET', '/v1/jobs/j2/events', { resourceId: 'j2' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiProblemError);
    expect((err as ApiProblemError).problem).toMatchObject({ status: 404, detail: 'no job j2' });
    expect((err as ApiProblemError).request).toEqual({ method: 'GET', path: '/v1/jobs/j2/events', resourceId: 'j2' });
  });
});
