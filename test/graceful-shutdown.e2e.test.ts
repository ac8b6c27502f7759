import { request as httpRequest, type ClientRequest } from 'node:http';
import { Stack, TEST_API_KEY, type RoleProcess } from './support/stack';
import { sampleJob } from './support/seed-samples';

/** A POST /v1/jobs whose body is sent in two halves, so it is in flight for as long as the test likes. */
function slowPost(apiUrl: string, name: string): { req: ClientRequest; rest: string; answer: Promise<{ status: number; body: string }> } {
  const body = JSON.stringify({ training_job: sampleJob(name) });
  const req = httpRequest(`${apiUrl}/v1/jobs`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  req.write(body.slice(0, 20));
  return { req, rest: body.slice(20), answer };
}

const exitedWithin = (proc: RoleProcess, ms: number) => Promise.race([proc.exited, new Promise((r) => setTimeout(() => r('still running'), ms))]);

/** SIGTERM, as Kubernetes and Docker send it: the api finishes what it has started, within SHUTDOWN_TIMEOUT_MS. */
describe('graceful shutdown of the api process', () => {
  const stack = new Stack({ roles: {} });
  beforeAll(() => stack.startSimulator());
  afterAll(() => stack.stop());

  it('answers the request in flight, refuses new connections, and exits 0', async () => {
    const api = await stack.startRole('api', { SHUTDOWN_TIMEOUT_MS: '5000' });
    const inFlight = slowPost(stack.apiUrl, 'in-flight-at-sigterm');
    await new Promise((r) => setTimeout(r, 200));
    const signalled = Date.now();
    api.child.kill('SIGTERM');
    expect(await exitedWithin(api, 500)).toBe('still running'); // held open by the request
    await expect(fetch(`${stack.apiUrl}/healthz`)).rejects.toThrow(); // no longer listening
    inFlight.req.end(inFlight.rest);
    const answer = await inFlight.answer;
    expect(answer.status).toBe(202);
    expect(await exitedWithin(api, 5_000)).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5_000);
  });

  it('exits 1 at SHUTDOWN_TIMEOUT_MS when a request never finishes', async () => {
    const api = await stack.startRole('api', { SHUTDOWN_TIMEOUT_MS: '1500' });
    const stuck = slowPost(stack.apiUrl, 'never-finished');
    stuck.answer.catch(() => undefined); // the connection dies with the process
    await new Promise((r) => setTimeout(r, 200));
    const signalled = Date.now();
    api.child.kill('SIGTERM');
    expect(await exitedWithin(api, 5_000)).toBe(1);
    const took = Date.now() - signalled;
    expect(took).toBeGreaterThanOrEqual(1_400);
    expect(took).toBeLessThan(4_000);
    stuck.req.destroy();
  });
});
