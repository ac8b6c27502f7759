import { Stack, eventually } from './support/stack';
import { sampleJob } from './support/seed-samples';
import { freePort } from './support/throwaway-redis';
import { WebhookReceiver } from './support/webhook-receiver';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** A job through real processes; each role's /metrics counts what that role did. */
describe('metrics and health ports end to end: api, worker and poller processes', () => {
  const receiver = new WebhookReceiver();
  const stack = new Stack({
    roles: {},
    env: { WEBHOOK_SECRET: SECRET, WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8', POLL_INTERVAL_MS: '300' },
    // The first create is throttled once, with Retry-After: 1 (the account reads before it are not).
    simEnv: {
      SIM_INIT_MS: '200',
      SIM_WAITING_MS: '200',
      SIM_RUNNING_MS: '600',
      SIM_FAULTS: JSON.stringify({ throttleNext: 1, throttle: { rate: 0, retryAfterSec: 1, ops: ['create'] } }),
    },
  });
  const ports = { worker: 0, poller: 0 };
  beforeAll(async () => {
    await receiver.start();
    await stack.startSimulator();
    ports.worker = await freePort();
    ports.poller = await freePort();
    await stack.startRole('worker', { HEALTH_PORT: String(ports.worker) });
    await stack.startRole('poller', { HEALTH_PORT: String(ports.poller) });
    await stack.startRole('api');
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
    await receiver.stop();
  });

  const scrape = async (url: string) => {
    const res = await fetch(`${url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return res.text();
  };

  it('serves /healthz and /readyz on the HEALTH_PORT of the worker and the poller', async () => {
    for (const port of [ports.worker, ports.poller]) {
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', checks: { redis: { ok: true }, postgres: { ok: true } } });
    }
  });

  it('counts a job in the process that did the work: accepted (api), submitted, throttled, calls, webhooks (worker), succeeded (poller)', async () => {
    const res = await stack.api('/v1/jobs', { body: { training_job: sampleJob('metered'), webhook_url: `${receiver.url}/hook` } });
    expect(res.status).toBe(202);
    await eventually(async () => (await stack.api(`/v1/jobs/${res.body.id}`)).body.status === 'succeeded', { what: 'the job to succeed' });
    await eventually(async () => receiver.at('/hook').length >= 3, { what: 'three webhooks' });

    const worker = await eventually(
      async () => {
        const text = await scrape(`http://127.0.0.1:${ports.worker}`);
        return text.includes('jobgate_webhook_deliveries_total{outcome="delivered"} 3') ? text : null;
      },
      { what: 'the worker to count three deliveries' },
    );
    expect(worker).toContain('jobgate_jobs_submitted_total 1');
    expect(worker).toContain('jobgate_modelarts_calls_total{op="create",outcome="throttled"} 1');
    expect(worker).toContain('jobgate_modelarts_calls_total{op="create",outcome="ok"} 1');
    expect(worker).toContain('jobgate_modelarts_throttled_total{op="create"} 1');
    expect(worker).toContain('jobgate_modelarts_call_duration_seconds_count{op="create",outcome="ok"} 1');
    expect(worker).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(worker).not.toContain('jobgate_jobs_accepted_total{');

    const poller = await scrape(`http://127.0.0.1:${ports.poller}`);
    expect(poller).toContain('jobgate_jobs_succeeded_total 1');
    expect(poller).toMatch(/^jobgate_modelarts_calls_total\{op="list",outcome="ok"\} [1-9]/m);
    expect(poller).not.toContain('jobgate_jobs_submitted_total 1');

    const api = await scrape(stack.apiUrl);
    expect(api).toContain('jobgate_jobs_accepted_total{source="job"} 1');
    expect(api).toContain('jobgate_queue_jobs{queue="submit",state="waiting"} 0');
    expect(api).toContain('jobgate_queue_jobs{queue="webhook",state="failed"} 0');
    expect(api).toContain('jobgate_active_jobs 0');
    expect(api).toContain('jobgate_max_active_jobs 100');
    // The account quota the list calls reported (the simulator's default), and the cap it leaves in force.
    expect(api).toContain('jobgate_modelarts_quota 10000');
    expect(api).toContain('jobgate_max_active_jobs_applied 100');
  });
});
