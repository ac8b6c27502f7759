import { Stack, eventually } from './support/stack';
import { expectExactlyOnce, maxInAnyWindow, submitMany, waitUntilSubmitted } from './support/batch';

/**
 * "Submission under pressure": real api and worker processes, real Redis and PostgreSQL, the
 * simulator with faults on. The promise checked every time: one ModelArts job per accepted request.
 */
describe('submission under pressure', () => {
  let stack: Stack;
  afterEach(() => stack?.stop());

  it('submits 200 jobs exactly once each while 30% of creates fail transiently', async () => {
    stack = await new Stack({
      env: { SUBMIT_RATE_LIMIT: '200', SUBMIT_MAX_ATTEMPTS: '12', MAX_ACTIVE_JOBS: '1000' },
      simEnv: { SIM_FAULTS: JSON.stringify({ errorRates: { create: { 500: 0.1, 503: 0.1, 504: 0.1 } }, seed: 7 }) },
      roles: { api: 1, worker: 2 },
    }).start();
    const jobs = await submitMany(stack, 'transient', 200);
    const records = await waitUntilSubmitted(
      stack,
      jobs.map((j) => j.id),
    );
    await expectExactlyOnce(stack, 'transient', records);
    const failedCalls = (await stack.sim('/calls')).filter((c: { op: string; status: number }) => c.op === 'create' && c.status >= 500);
    expect(failedCalls.length).toBeGreaterThan(20); // the faults really happened
    expect(records.reduce((n, r) => n + r.attempts, 0)).toBe(200 + failedCalls.length);
  });

  it('adopts jobs whose create succeeded but whose answer was lost: one ModelArts job each, with the right job_id', async () => {
    stack = await new Stack({
      env: { SUBMIT_RATE_LIMIT: '100', MAX_ACTIVE_JOBS: '1000' },
      simEnv: { SIM_FAULTS: JSON.stringify({ dropAfterCreateRate: 0.4, seed: 11 }) },
    }).start();
    const jobs = await submitMany(stack, 'dropped', 40);
    const records = await waitUntilSubmitted(
      stack,
      jobs.map((j) => j.id),
    );
    await expectExactlyOnce(stack, 'dropped', records);
    const drops = (await stack.sim('/calls')).filter((c: { op: string; status: number }) => c.op === 'create' && c.status === 0);
    expect(drops.length).toBeGreaterThan(5);
    const adopted = records.filter((r) => r.attempts > 1);
    expect(adopted.length).toBeGreaterThanOrEqual(drops.length > 0 ? 1 : 0);
  });

  it('never exceeds SUBMIT_RATE_LIMIT=5 creates in any one-second window with 3 worker processes', async () => {
    stack = await new Stack({ env: { SUBMIT_RATE_LIMIT: '5', SUBMIT_CONCURRENCY: '8', MAX_ACTIVE_JOBS: '1000' }, roles: { api: 1, worker: 3 } }).start();
    const jobs = await submitMany(stack, 'rate', 100, 25);
    const records = await waitUntilSubmitted(
      stack,
      jobs.map((j) => j.id),
      90_000,
    );
    await expectExactlyOnce(stack, 'rate', records);
    const creates = (await stack.sim('/calls')).filter((c: { op: string }) => c.op === 'create').map((c: { at: number }) => c.at);
    expect(creates).toHaveLength(100);
    expect(maxInAnyWindow(creates, 1000)).toBeLessThanOrEqual(5);
    expect((await stack.sim('/stats')).max_creates_in_any_1s_window).toBeLessThanOrEqual(5);
  });

  it('after a 429 with Retry-After: 2, no worker sends a create for 2 seconds, and the throttled job is not failed', async () => {
    stack = await new Stack({
      env: { SUBMIT_RATE_LIMIT: '50', MAX_ACTIVE_JOBS: '1000' },
      simEnv: { SIM_FAULTS: JSON.stringify({ throttleNext: 1, throttle: { rate: 0, retryAfterSec: 2, ops: ['create'] } }) },
      roles: { api: 1, worker: 2 },
    }).start();
    // The first job meets the 429 alone; the rest arrive while the pause holds every worker.
    const first = await submitMany(stack, 'throttled-first', 1);
    await eventually(async () => (await stack.sim('/calls')).some((c: { status: number }) => c.status === 429), { what: 'the 429' });
    const jobs = [...first, ...(await submitMany(stack, 'throttled', 5))];
    const records = await waitUntilSubmitted(
      stack,
      jobs.map((j) => j.id),
    );
    await expectExactlyOnce(stack, 'throttled', records);
    const creates = (await stack.sim('/calls')).filter((c: { op: string }) => c.op === 'create');
    const throttled = creates.filter((c: { status: number }) => c.status === 429);
    expect(throttled).toHaveLength(1);
    const t429 = throttled[0].at;
    // Every call that left after the 429 waited out the Retry-After, whichever worker sent it.
    const inGap = creates.filter((c: { at: number }) => c.at > t429 + 100 && c.at < t429 + 2_000);
    expect(inGap).toEqual([]);
    expect(creates.filter((c: { at: number }) => c.at >= t429 + 2_000).length).toBeGreaterThanOrEqual(1);
  });

  it('loses and doubles nothing when a worker is killed with SIGKILL mid-batch and another takes over', async () => {
    stack = await new Stack({
      env: { SUBMIT_RATE_LIMIT: '20', MAX_ACTIVE_JOBS: '1000' },
      simEnv: { SIM_FAULTS: JSON.stringify({ latencyMs: 300 }) },
    }).start();
    const jobs = await submitMany(stack, 'killed', 60);
    await eventually(async () => (await stack.sim('/calls')).filter((c: { op: string }) => c.op === 'create').length >= 10);
    const victim = stack.processes.find((p) => p.role === 'worker')!;
    expect(await stack.kill(victim, 'SIGKILL')).toBe('SIGKILL');
    await stack.startRole('worker');
    const records = await waitUntilSubmitted(
      stack,
      jobs.map((j) => j.id),
    );
    await expectExactlyOnce(stack, 'killed', records);
  });

  it('on SIGTERM a worker finishes the create call in flight, records it, and exits 0', async () => {
    stack = await new Stack({ simEnv: { SIM_FAULTS: JSON.stringify({ latencyMs: 2_000 }) } }).start();
    const [job] = await submitMany(stack, 'graceful', 1);
    await eventually(async () => (await stack.sim('/calls')).some((c: { op: string }) => c.op === 'create'), { what: 'the create call to arrive' });
    const worker = stack.processes.find((p) => p.role === 'worker')!;
    const exit = await stack.kill(worker, 'SIGTERM');
    expect(exit).toBe(0);
    const record = (await stack.api(`/v1/jobs/${job!.id}`)).body;
    expect(record).toMatchObject({ status: 'submitted', attempts: 1 });
    expect((await stack.sim('/jobs')).filter((j: { job_name: string }) => j.job_name === 'graceful-0')).toHaveLength(1);
  });

  it('fails a permanently refused job after one call, keeping the ModelArts code', async () => {
    stack = await new Stack({ simEnv: { SIM_FAULTS: JSON.stringify({ errorRates: { create: { 400: 1 } } }) } }).start();
    const [job] = await submitMany(stack, 'refused', 1);
    const [record] = await waitUntilSubmitted(stack, [job!.id]);
    const calls = (await stack.sim('/calls')).filter((c: { op: string }) => c.op === 'create');
    expect(calls).toHaveLength(1);
    expect(record).toMatchObject({ status: 'failed', attempts: 1, error: { code: calls[0].error_code, retryable: false } });
  });

  it('holds jobs beyond MAX_ACTIVE_JOBS in queued (not failed) without calling ModelArts for them', async () => {
    stack = await new Stack({ env: { MAX_ACTIVE_JOBS: '2', SUBMIT_RATE_LIMIT: '50' } }).start();
    const jobs = await submitMany(stack, 'capped', 5);
    await eventually(async () => (await stack.sim('/jobs')).length === 2);
    await new Promise((r) => setTimeout(r, 2_000));
    const records = await Promise.all(jobs.map(async (j) => (await stack.api(`/v1/jobs/${j.id}`)).body));
    expect(records.filter((r) => r.status === 'submitted')).toHaveLength(2);
    expect(records.filter((r) => r.status === 'queued')).toHaveLength(3);
    expect((await stack.sim('/calls')).filter((c: { op: string }) => c.op === 'create')).toHaveLength(2);
  });

  it('with IAM tokens: workers share a token, refresh it once on 401 APIG.0307, and submit everything', async () => {
    const iam = { SIM_IAM_USER: 'svc-jobgate', SIM_IAM_PASSWORD: 'pw-0123456789', SIM_IAM_DOMAIN: 'acme' };
    stack = new Stack({ simEnv: iam, env: { SUBMIT_RATE_LIMIT: '100', MAX_ACTIVE_JOBS: '1000' }, roles: { api: 1, worker: 2 } });
    // The stack learns the simulator's URL at start; point IAM at it before the roles start.
    await stack.startSimulator();
    const tokenEnv = {
      MODELARTS_AK: '',
      MODELARTS_SK: '',
      IAM_ENDPOINT: stack.simUrl,
      IAM_USERNAME: iam.SIM_IAM_USER,
      IAM_PASSWORD: iam.SIM_IAM_PASSWORD,
      IAM_DOMAIN_NAME: iam.SIM_IAM_DOMAIN,
    };
    for (const role of ['worker', 'worker', 'api'] as const) await stack.startRole(role, tokenEnv);
    const first = await submitMany(stack, 'token', 30);
    await expectExactlyOnce(
      stack,
      'token',
      await waitUntilSubmitted(
        stack,
        first.map((j) => j.id),
      ),
    );
    const tokenCalls = () => stack.sim('/calls').then((calls) => calls.filter((c: { op: string }) => c.op === 'token').length);
    // One per process, not one per job: the two workers, and the api, which reads the account's flavors and engines.
    expect(await tokenCalls()).toBeLessThanOrEqual(3);
    await stack.sim('/faults', { method: 'PUT', body: { tokenExpireNext: 1 } });
    const second = await submitMany(stack, 'token2', 10);
    await expectExactlyOnce(
      stack,
      'token2',
      await waitUntilSubmitted(
        stack,
        second.map((j) => j.id),
      ),
    );
    expect(await tokenCalls()).toBeLessThanOrEqual(4);
  });
});
