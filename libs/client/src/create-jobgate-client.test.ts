import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createJobgateClient } from './create-jobgate-client';

/** A local server that records each request and answers with a fixed status and JSON body. */
describe('createJobgateClient against a local HTTP server', () => {
  const seen: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];
  let answer: { status: number; type: string; body: string } = { status: 200, type: 'application/json', body: '{}' };
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        res.writeHead(answer.status, { 'Content-Type': answer.type }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => (seen.length = 0));

  it('sends the key as a bearer token, path parameters in the path, repeated query parameters and a JSON body', async () => {
    const client = createJobgateClient({ baseUrl: `${base}/`, apiKey: 'jg_key' });
    answer = { status: 200, type: 'application/json', body: JSON.stringify({ items: [], next_cursor: null }) };
    const listed = await client.GET('/v1/jobs', { params: { query: { status: 'running', label: ['a:1', 'b:2'], limit: 5 } } });
    expect(listed.data).toEqual({ items: [], next_cursor: null });
    await client.POST('/v1/jobs/{id}/rerun', { params: { path: { id: 'j 1' } }, body: { config: { parameter: [] } } });
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/jobs?status=running&label=a%3A1&label=b%3A2&limit=5', 'POST /v1/jobs/j%201/rerun']);
    expect(seen[0]!.headers.authorization).toBe('Bearer jg_key');
    expect([seen[1]!.headers['content-type'], JSON.parse(seen[1]!.body)]).toEqual(['application/json', { config: { parameter: [] } }]);
  });

  it('keeps a path prefix of the base URL and sends no Authorization header without a key', async () => {
    const client = createJobgateClient({ baseUrl: `${base}/gateway`, apiKey: null });
    await client.GET('/healthz');
    expect([seen[0]!.url, seen[0]!.headers.authorization]).toEqual(['/gateway/healthz', undefined]);
  });

  it('answers a problem as `error`, never throwing, and sends through the fetch it is given', async () => {
    const sent: string[] = [];
    const client = createJobgateClient({ baseUrl: base, apiKey: 'k', fetch: (request) => (sent.push(request.url), fetch(request)) });
    const problem = { type: 'about:blank', title: 'Not Found', status: 404, detail: 'no job 42' };
    answer = { status: 404, type: 'application/problem+json', body: JSON.stringify(problem) };
    const read = await client.GET('/v1/jobs/{id}', { params: { path: { id: '42' } } });
    expect([read.data, read.error, read.response.status]).toEqual([undefined, problem, 404]);
    expect(sent).toEqual([`${base}/v1/jobs/42`]);
  });
});
