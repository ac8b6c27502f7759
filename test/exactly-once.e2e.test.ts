/**
 * "Exactly-once under every fault": the promises that must hold whatever breaks, end to end (real
 * api, worker and poller processes, real PostgreSQL and Redis, the simulator). Each test names the
 * fault; the checks are what a team sees: records, webhooks, and the simulator's own log of calls.
 */
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { sampleJob } from './support/seed-samples';
import { Stack, eventually } from './support/stack';
import { submitMany } from './support/batch';
import { WebhookReceiver } from './support/webhook-receiver';
import { settleAndAudit } from './faults/support/fault-audit';
import { RedisServer } from './faults/support/redis-server';
import { submitAll } from './faults/support/careful-client';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const FAST = { SIM_INIT_MS: '200', SIM_WAITING_MS: '200', SIM_RUNNING_MS: '800' };
const TERMINAL = ['succeeded', 'failed', 'canceled'];

const recordOf = async (stack: Stack, id: string) => (await stack.api(`/v1/jobs/${id}`)).body;
const reaches = (stack: Stack, id: string, status: string, timeoutMs = 30_000) =>
  eventually(async () => ((await recordOf(stack, id)).status === status ? recordOf(stack, id) : null), { timeoutMs, what: `job ${id} to be ${status}` });
const simJobsNamed = async (stack: Stack, name: string) => (await stack.sim('/jobs')).filter((j: { job_name: string }) => j.job_name === name);

describe('exactly once: a full MAX_ACTIVE_JOBS cap never stalls the queue', () => {
  let stack: Stack;
  afterEach(() => stack?.stop());

  it('20 jobs, MAX_ACTIVE_JOBS=3, every create answered 503 for 6 s: each reaches ModelArts once and succeeds within a minute of recovery', async () => {
    stack = await new Stack({
      roles: { api: 1, worker: 1, poller: 1 },
      env: { MAX_ACTIVE_JOBS: '3', SUBMIT_RATE_LIMIT: '50', POLL_INTERVAL_MS: '250' },
      simEnv: FAST,
    }).start();
    await stack.sim('/faults', { method: 'PUT', body: { outage: { ops: ['create'], status: 503, forMs: 6_000 } } });
    const recoveredAt = Date.now() + 6_000;
    const jobs = await submitMany(stack, 'cap', 20);

    const deadline = recoveredAt + 60_000;
    const records = await eventually(
      async () => {
        const all = await Promise.all(jobs.map((j) => recordOf(stack, j.id)));
        return all.every((r) => TERMINAL.includes(r.status)) ? all : null;
      },
      { timeoutMs: deadline - Date.now(), intervalMs: 500, what: 'all 20 jobs to end within a minute of recovery' },
    ).catch(async (err: Error) => {
      const all = await Promise.all(jobs.map((j) => recordOf(stack, j.id)));
      throw new Error(`${err.message}; statuses: ${JSON.stringify(countBy(all.map((r) => r.status)))}`);
    });
    expect(records.map((r) => r.status)).toEqual(jobs.map(() => 'succeeded'));
    const created = (await stack.sim('/jobs')).filter((j: { job_name: string }) => j.job_name.startsWith('cap-'));
    expect(created).toHaveLength(20);
    expect(new Set(created.map((j: { job_name: string }) => j.job_name)).size).toBe(20);
  });
});

describe('exactly once: Redis may come back empty', () => {
  let stack: Stack | undefined;
  let redis: RedisServer | undefined;
  const receiver = new WebhookReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());
  afterEach(async () => {
    await stack?.stop();
    await redis?.stop();
  });

  it('after FLUSHALL mid-run every job ends, every terminal webhook arrives, nothing is created twice, and polling goes on', async () => {
    redis = await RedisServer.start(join(__dirname, '../test-output/exactly-once-redis'));
    stack = new Stack({
      roles: { api: 1, worker: 1, poller: 1 },
      redisUrl: redis.url,
      env: {
        SUBMIT_RATE_LIMIT: '4',
        MAX_ACTIVE_JOBS: '1000',
        POLL_INTERVAL_MS: '300',
        WEBHOOK_SECRET: SECRET,
        WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8',
        WEBHOOK_RETRY_SCHEDULE: '1,1,2,2,3,3,5',
      },
      simEnv: { SIM_INIT_MS: '300', SIM_WAITING_MS: '300', SIM_RUNNING_MS: '4000' },
    });
    await stack.start();
    const hooks = `${receiver.url}/wiped`;
    // The receiver is down at first: events are pending when Redis loses them.
    receiver.on('/wiped', ({ seen }) => (seen <= 1 ? 503 : 200));
    const { accepted } = await submitAll(stack, { prefix: 'wiped', count: 30, webhookUrl: hooks, concurrency: 5 });
    const sweep = await stack.api('/v1/sweeps', {
      body: {
        name: 'wiped sweep',
        template: { training_job: sampleJob('wipedsweep'), webhook_url: hooks },
        method: 'grid',
        parameters: { lr: { values: [1, 2, 3, 4, 5, 6] } },
        max_parallel: 2,
      },
    });
    expect(sweep.status).toBe(202);
    // Some jobs are submitted or running, many still queued (4 creates/s); one is being canceled.
    const first = await reaches(stack, accepted[0]!.id, 'running');
    expect((await stack.api(`/v1/jobs/${first.id}/cancel`, { method: 'POST' })).status).toBe(202);

    const wipe = new Redis(redis.url);
    await wipe.flushall();
    wipe.disconnect();

    // The audit counts sweep trials as orphans; "created twice" is counted here over every name instead.
    const counts = await settleAndAudit({ stack, receiver, accepted, timeoutMs: 90_000 });
    const records = await Promise.all(accepted.map((a) => recordOf(stack!, a.id)));
    const names = (await stack.sim('/jobs')).map((j: { job_name: string }) => j.job_name);
    expect({
      createdTwice: names.length - new Set(names).size,
      lost: counts.lost,
      webhooksMissing: counts.webhooksMissing,
      notEnded: countBy(records.filter((r) => !TERMINAL.includes(r.status)).map((r) => r.status)),
    }).toEqual({ createdTwice: 0, lost: 0, webhooksMissing: 0, notEnded: {} });
    expect(counts.mismatches).toEqual([]);
    expect((await recordOf(stack, first.id)).status).toBe('canceled');
    const trials = await eventually(
      async () => {
        const body = (await stack!.api(`/v1/sweeps/${sweep.body.id}`)).body;
        return TERMINAL.includes(body.status) ? body : null;
      },
      { timeoutMs: 30_000, what: 'the sweep to end after the flush' },
    ).catch(async () => (await stack!.api(`/v1/sweeps/${sweep.body.id}`)).body);
    expect(trials).toMatchObject({ status: 'succeeded', counts: { succeeded: 6 } });
    const sweepJobs = (await stack.sim('/jobs')).filter((j: { job_name: string }) => j.job_name.startsWith('wipedsweep-'));
    expect(new Set(sweepJobs.map((j: { job_name: string }) => j.job_name)).size).toBe(sweepJobs.length);
  }, 300_000);
});

describe('exactly once: cancel is a durable intent', () => {
  let stack: Stack;
  afterEach(() => stack?.stop());

  it('a repeated cancel re-arms a stop call that ModelArts refused, and the job ends canceled', async () => {
    stack = await new Stack({
      roles: { api: 1, worker: 1, poller: 1 },
      env: { POLL_INTERVAL_MS: '250' },
      simEnv: { SIM_INIT_MS: '200', SIM_WAITING_MS: '200', SIM_RUNNING_MS: '600000' },
    }).start();
    const { body: job } = await stack.api('/v1/jobs', { body: { training_job: sampleJob('restop') } });
    await reaches(stack, job.id, 'running');
    await stack.sim('/faults', { method: 'PUT', body: { outage: { ops: ['stop'], status: 403, count: 1 } } });
    expect((await stack.api(`/v1/jobs/${job.id}/cancel`, { method: 'POST' })).status).toBe(202);
    await eventually(async () => (await stack.sim('/calls')).some((c: { op: string; status: number }) => c.op === 'stop' && c.status === 403), {
      what: 'the refused stop call',
    });
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await recordOf(stack, job.id)).status).toBe('canceling');

    expect((await stack.api(`/v1/jobs/${job.id}/cancel`, { method: 'POST' })).status).toBe(202);
    const ended = await reaches(stack, job.id, 'canceled', 20_000);
    expect(ended.modelarts.status).toBe(12);
  });

  it('a job whose cancel arrives while it is submitting is never created (nor left running) in ModelArts, and ends canceled', async () => {
    stack = await new Stack({
      roles: { api: 1, worker: 1, poller: 1 },
      env: { POLL_INTERVAL_MS: '250' },
      simEnv: { SIM_INIT_MS: '200', SIM_WAITING_MS: '200', SIM_RUNNING_MS: '600000' },
    }).start();
    await stack.sim('/faults', { method: 'PUT', body: { outage: { ops: ['create'], status: 503, forMs: 4_000 } } });
    const { body: job } = await stack.api('/v1/jobs', { body: { training_job: sampleJob('midsubmit') } });
    await eventually(async () => (await stack.sim('/calls')).some((c: { op: string; job_name?: string }) => c.op === 'create' && c.job_name === 'midsubmit'), {
      what: 'the first (refused) create',
    });
    expect((await recordOf(stack, job.id)).status).toBe('submitting');
    expect((await stack.api(`/v1/jobs/${job.id}/cancel`, { method: 'POST' })).status).toBe(202);

    const ended = await reaches(stack, job.id, 'canceled', 30_000);
    expect(ended.status).toBe('canceled');
    // Every create so far was refused before any work: nothing exists, and nothing may be created after the cancel.
    await new Promise((r) => setTimeout(r, 2_000));
    const created = await simJobsNamed(stack, 'midsubmit');
    expect(created.map((j: { status: number }) => j.status)).toEqual([]);
  });
});

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
