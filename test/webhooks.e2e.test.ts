import { Stack, eventually } from './support/stack';
import { sampleJob } from './support/seed-samples';
import { WebhookReceiver } from './support/webhook-receiver';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const LIFECYCLE = ['job.submitted', 'job.running', 'job.succeeded'];

/** Signed completion webhooks, as a team's receiver sees them: api + worker + poller against the simulator. */
describe('webhooks end to end', () => {
  const receiver = new WebhookReceiver();
  const stack = new Stack({
    roles: { api: 1, worker: 1, poller: 1 },
    env: { WEBHOOK_SECRET: SECRET, WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8', WEBHOOK_RETRY_SCHEDULE: '1,1,1', POLL_INTERVAL_MS: '300' },
    simEnv: { SIM_INIT_MS: '300', SIM_WAITING_MS: '300', SIM_RUNNING_MS: '1500' },
  });
  beforeAll(async () => {
    await receiver.start();
    await stack.start();
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
    await receiver.stop();
  });

  const submit = async (name: string, path: string) => {
    const res = await stack.api('/v1/jobs', { body: { training_job: sampleJob(name), webhook_url: `${receiver.url}${path}` } });
    expect(res.status).toBe(202);
    return res.body as { id: string };
  };
  const finished = (id: string) =>
    eventually(
      async () => {
        const r = await stack.api(`/v1/jobs/${id}`);
        return ['succeeded', 'failed', 'canceled'].includes(r.body.status) ? r.body : null;
      },
      { what: `job ${id} to end` },
    );

  it('announces submitted, running and succeeded once each, in order, signed and carrying the job record', async () => {
    const job = await submit('hooked-ok', '/ok');
    const record = await finished(job.id);
    expect(record.status).toBe('succeeded');
    await eventually(async () => receiver.at('/ok').length >= 3, { what: 'three webhooks' });
    await new Promise((r) => setTimeout(r, 1_000)); // nothing more may arrive
    const hits = receiver.at('/ok', SECRET);
    expect(hits.map((h) => h.type)).toEqual(LIFECYCLE);
    expect(new Set(hits.map((h) => h.id)).size).toBe(3);
    const last = JSON.parse(hits[2]!.body);
    expect(last).toMatchObject({ type: 'job.succeeded', data: { id: job.id, status: 'succeeded', modelarts: { status: 10 } } });
    expect(new Date(last.timestamp).toISOString()).toBe(last.timestamp);
    expect(last.data).toEqual((await stack.api(`/v1/jobs/${job.id}`)).body);

    const deliveries = (await stack.api(`/v1/jobs/${job.id}/deliveries`)).body.items;
    expect(deliveries.map((d: { type: string; status: string }) => [d.type, d.status])).toEqual(LIFECYCLE.map((t) => [t, 'delivered']));
    expect(deliveries[0].attempts).toEqual([expect.objectContaining({ attempt: 1, status_code: 200, error: null })]);
  });

  it('retries a failing receiver on the schedule with the same webhook-id, and keeps the order', async () => {
    receiver.on('/flaky', ({ seen }) => (seen <= 3 ? 500 : 200));
    const job = await submit('hooked-flaky', '/flaky');
    await eventually(async () => receiver.at('/flaky').filter((h) => h.answered === 200).length === 3, { what: 'three delivered webhooks', timeoutMs: 60_000 });
    const hits = receiver.at('/flaky', SECRET);
    const first = hits.filter((h) => h.type === 'job.submitted');
    expect(first.map((h) => h.answered)).toEqual([500, 500, 500, 200]);
    expect(new Set(first.map((h) => h.id)).size).toBe(1);
    // Event N+1 is never sent before event N is delivered.
    expect(hits.filter((h) => h.answered === 200).map((h) => h.type)).toEqual(LIFECYCLE);
    for (let k = 1; k < LIFECYCLE.length; k++) {
      const firstTry = hits.findIndex((h) => h.type === LIFECYCLE[k]);
      expect(firstTry).toBeGreaterThan(hits.findIndex((h) => h.type === LIFECYCLE[k - 1] && h.answered === 200));
    }
    const deliveries = (await stack.api(`/v1/jobs/${job.id}/deliveries`)).body.items;
    expect(deliveries[0].attempts.map((a: { status_code: number }) => a.status_code)).toEqual([500, 500, 500, 200]);
    expect(deliveries[0].attempts[0].error).toMatch(/HTTP 500/);
    // WEBHOOK_RETRY_SCHEDULE=1,1,1: a second apart, never sooner.
    const times = deliveries[0].attempts.map((a: { attempted_at: string }) => Date.parse(a.attempted_at));
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(950);
  });

  it('stops after 410 Gone, sends nothing more of that job to it, and re-sends a delivery on request with the same webhook-id', async () => {
    receiver.on('/gone', () => 410);
    const job = await submit('hooked-gone', '/gone');
    await finished(job.id);
    const gone = await eventually(
      async () => {
        const items = (await stack.api(`/v1/jobs/${job.id}/deliveries`)).body.items;
        return items.length === 3 && items.every((d: { status: string }) => d.status === 'gone') ? items : null;
      },
      { what: 'every event given up as gone' },
    );
    // The first event met the 410; the job's later events to that URL ended without a request.
    expect(gone.map((d: { attempt_count: number }) => d.attempt_count)).toEqual([1, 0, 0]);
    expect(receiver.at('/gone').map((h) => h.id)).toEqual([gone[0].id]);

    receiver.on('/gone', () => 200);
    const again = await stack.api(`/v1/deliveries/${gone[2].id}/redeliver`, { method: 'POST' });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ id: gone[2].id, status: 'pending' });
    await eventually(async () => receiver.at('/gone').some((h) => h.id === gone[2].id && h.answered === 200), { what: 'the redelivery' });
    const after = (await stack.api(`/v1/jobs/${job.id}/deliveries`)).body.items[2];
    expect(after).toMatchObject({ status: 'delivered', attempt_count: 1 });
    expect((await stack.api('/v1/deliveries/msg_00000000000000000000000000000000/redeliver', { method: 'POST' })).status).toBe(404);
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', /metadata/],
    ['http://[fd00:ec2::254]/', /metadata/],
    ['http://10.1.2.3/hook', /WEBHOOK_ALLOWED_CIDRS/],
    ['http://[::ffff:192.168.0.1]/hook', /WEBHOOK_ALLOWED_CIDRS/],
  ])('refuses webhook_url %s at intake with a 400 naming the field', async (url, reason) => {
    const res = await stack.api('/v1/jobs', { body: { training_job: sampleJob(`ssrf-${Date.now()}`), webhook_url: url } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([{ path: 'webhook_url', message: expect.stringMatching(reason) }]);
  });
});
