import { Webhook } from 'standardwebhooks';
import { maxOverlap } from './support/batch';
import { Stack, eventually } from './support/stack';
import { sampleJob } from './support/seed-samples';
import { WebhookReceiver } from './support/webhook-receiver';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const FAST = { SIM_INIT_MS: '100', SIM_WAITING_MS: '100', SIM_RUNNING_MS: '400' };
const ENV = { WEBHOOK_SECRET: SECRET, WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8', POLL_INTERVAL_MS: '250', SUBMIT_RATE_LIMIT: '50', MAX_ACTIVE_JOBS: '1000' };

function grid(name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    template: { training_job: sampleJob(name) },
    method: 'grid',
    parameters: { lr: { values: [0.1, 0.01, 0.001] }, batch: { min: 16, max: 64, step: 16 } },
    max_parallel: 3,
    ...extra,
  };
}

/** Sweeps as a team sees them: the real processes against the simulator, counted in the simulator. */
describe('hyperparameter sweeps end to end', () => {
  const receiver = new WebhookReceiver();
  let stack: Stack;
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());
  afterEach(() => stack?.stop());

  const sweepDone = (id: string, timeoutMs = 90_000) =>
    eventually(
      async () => {
        const r = await stack.api(`/v1/sweeps/${id}`);
        return ['succeeded', 'failed', 'canceled'].includes(r.body.status) ? r.body : null;
      },
      { timeoutMs, what: `sweep ${id} to end` },
    );
  const simJobsOf = async (prefix: string) => (await stack.sim('/jobs')).filter((j: { job_name: string }) => j.job_name.startsWith(`${prefix}-`));

  it('runs a 3×4 grid as 12 ModelArts jobs, never more than max_parallel=3 at once, and announces it once', async () => {
    stack = await new Stack({ roles: { api: 1, worker: 1, poller: 1 }, env: ENV, simEnv: FAST }).start();
    const res = await stack.api('/v1/sweeps', {
      body: { ...grid('grid34'), template: { training_job: sampleJob('grid34'), webhook_url: `${receiver.url}/sweeps` } },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'running', trial_count: 12, max_parallel: 3 });
    const done = await sweepDone(res.body.id);
    expect(done.status).toBe('succeeded');
    expect(done.counts.succeeded).toBe(12);

    const jobs = await simJobsOf('grid34');
    expect(jobs).toHaveLength(12);
    const combos = jobs.map((j: any) => {
      const p = Object.fromEntries(j.body.config.parameter.map((x: { label: string; value: string }) => [x.label, x.value]));
      return `${p.lr}/${p.batch}`;
    });
    const expected = ['0.1', '0.01', '0.001'].flatMap((lr) => ['16', '32', '48', '64'].map((b) => `${lr}/${b}`));
    expect(combos.sort()).toEqual(expected.sort());
    expect(maxOverlap(jobs)).toBeLessThanOrEqual(3);

    const completed = await eventually(
      async () => {
        const got = receiver.at('/sweeps').filter((w) => w.type === 'sweep.completed');
        return got.length > 0 ? got : null;
      },
      { what: 'the sweep.completed webhook' },
    );
    await new Promise((r) => setTimeout(r, 1_000));
    expect(receiver.at('/sweeps').filter((w) => w.type === 'sweep.completed')).toHaveLength(1);
    const payload = new Webhook(SECRET).verify(completed[0]!.body, completed[0]!.headers as Record<string, string>) as any;
    expect(payload.data).toMatchObject({ id: res.body.id, status: 'succeeded', counts: { succeeded: 12 } });
  });

  it('draws identical trials for two random sweeps with the same seed', async () => {
    stack = await new Stack({ roles: { api: 1 }, env: ENV, simEnv: FAST }).start();
    const body = (name: string) => ({
      name,
      template: { training_job: sampleJob(name) },
      method: 'random',
      max_trials: 8,
      max_parallel: 1,
      seed: 42,
      parameters: {
        lr: { min: 0.0001, max: 0.1, distribution: 'log_uniform' },
        layers: { min: 2, max: 8, distribution: 'int_uniform' },
        opt: { values: ['adam', 'sgd'] },
      },
    });
    const a = await stack.api('/v1/sweeps', { body: body('rand-a') });
    const b = await stack.api('/v1/sweeps', { body: body('rand-b') });
    const trials = async (id: string) => (await stack.api(`/v1/sweeps/${id}/trials?limit=1000`)).body.items.map((t: { parameters: unknown }) => t.parameters);
    const ta = await trials(a.body.id);
    expect(ta).toHaveLength(8);
    expect(await trials(b.body.id)).toEqual(ta);
    expect(new Set(ta.map((p: unknown) => JSON.stringify(p))).size).toBeGreaterThan(1);
  });

  it('cancels mid-sweep: nothing pending reaches ModelArts afterwards, running trials are stopped', async () => {
    stack = await new Stack({ roles: { api: 1, worker: 1, poller: 1 }, env: ENV, simEnv: { ...FAST, SIM_RUNNING_MS: '60000' } }).start();
    const res = await stack.api('/v1/sweeps', { body: grid('cancelled', { max_parallel: 2 }) });
    await eventually(async () => (await simJobsOf('cancelled')).length === 2, { what: 'two trials in ModelArts' });
    const cancel = await stack.api(`/v1/sweeps/${res.body.id}/cancel`, { method: 'POST' });
    expect([200, 202]).toContain(cancel.status);
    const done = await sweepDone(res.body.id);
    expect(done.status).toBe('canceled');
    await new Promise((r) => setTimeout(r, 1_500));
    const jobs = await simJobsOf('cancelled');
    expect(jobs).toHaveLength(2);
    expect(jobs.every((j: { stopped: boolean }) => j.stopped)).toBe(true);
    expect(done.counts.canceled).toBe(12);
  });

  it('finishes after every process is killed mid-sweep and restarted, with no trial lost or doubled', async () => {
    stack = await new Stack({ roles: { api: 1, worker: 1, poller: 1 }, env: ENV, simEnv: { ...FAST, SIM_RUNNING_MS: '800' } }).start();
    const res = await stack.api('/v1/sweeps', { body: grid('restart') });
    await eventually(async () => (await simJobsOf('restart')).length >= 4, { what: 'the sweep under way' });
    for (const proc of [...stack.processes]) await stack.kill(proc, 'SIGKILL');
    for (const role of ['worker', 'poller', 'api'] as const) await stack.startRole(role);
    const done = await sweepDone(res.body.id);
    expect(done.status).toBe('succeeded');
    const jobs = await simJobsOf('restart');
    expect(jobs).toHaveLength(12);
    expect(new Set(jobs.map((j: { job_name: string }) => j.job_name)).size).toBe(12);
  });
});

/** Most ModelArts jobs non-terminal at the same instant, from the simulator's own status history. */
