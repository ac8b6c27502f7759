import type { CreateSweepRequestDto, JobRecord, JobgateClient, Problem, WebhookEvent } from '@jobgate/client';
import { Stack, eventually } from './support/stack';
import { sampleJob } from './support/seed-samples';
import { stackClient } from './support/jobgate-client';
import { WebhookReceiver } from './support/webhook-receiver';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/**
 * What a team's code sees through @jobgate/client, the generated typed client, against a real stack
 * (api, worker and poller processes, the simulator, Redis and PostgreSQL): every call below is
 * type-checked against the OpenAPI document, answers and problems alike.
 */
describe('@jobgate/client end to end', () => {
  const receiver = new WebhookReceiver();
  const stack = new Stack({
    roles: { api: 1, worker: 1, poller: 1 },
    env: { WEBHOOK_SECRET: SECRET, WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8', WEBHOOK_RETRY_SCHEDULE: '1,1,1', POLL_INTERVAL_MS: '300' },
    simEnv: { SIM_INIT_MS: '300', SIM_WAITING_MS: '300', SIM_RUNNING_MS: '2500' },
  });
  let client: JobgateClient;
  beforeAll(async () => {
    await receiver.start();
    await stack.start();
    client = stackClient(stack);
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
    await receiver.stop();
  });

  const ended = (id: string) =>
    eventually(
      async () => {
        const { data } = await client.GET('/v1/jobs/{id}', { params: { path: { id } } });
        return data && ['succeeded', 'failed', 'canceled'].includes(data.status) ? data : null;
      },
      { what: `job ${id} to end` },
    );

  it('submits a job (with an Idempotency-Key), follows it to succeeded, and finds it by status and label', async () => {
    const body = { training_job: sampleJob('client-ok'), labels: { team: 'vision', run: 'client-e2e' }, webhook_url: `${receiver.url}/ok` };
    const created = await client.POST('/v1/jobs', { body, params: { header: { 'Idempotency-Key': 'client-e2e-1' } } });
    expect(created.response.status).toBe(202);
    const job: JobRecord = created.data!;
    expect(created.response.headers.get('Location')).toBe(`/v1/jobs/${job.id}`);
    expect(job).toMatchObject({ status: 'queued', job_name: 'client-ok', labels: { team: 'vision', run: 'client-e2e' } });
    const replay = await client.POST('/v1/jobs', { body, params: { header: { 'Idempotency-Key': 'client-e2e-1' } } });
    expect([replay.data?.id, replay.response.headers.get('Idempotent-Replayed')]).toEqual([job.id, 'true']);

    const done = await ended(job.id);
    expect(done.status).toBe('succeeded');
    expect(done.modelarts?.job_id).toEqual(expect.any(String));

    const listed = await client.GET('/v1/jobs', { params: { query: { status: 'succeeded', label: ['run:client-e2e', 'team:vision'], limit: 10 } } });
    expect(listed.data!.items.map((j) => j.id)).toEqual([job.id]);
    const none = await client.GET('/v1/jobs', { params: { query: { status: 'failed', label: ['run:client-e2e'] } } });
    expect(none.data).toEqual({ items: [], next_cursor: null });
  });

  it('reads the timeline, the attempts and the deliveries, receives the typed webhooks, and redelivers one', async () => {
    const { data: job } = await client.POST('/v1/jobs', { body: { training_job: sampleJob('client-hooked'), webhook_url: `${receiver.url}/hooked` } });
    await ended(job!.id);
    const path = { params: { path: { id: job!.id } } };
    const events = await client.GET('/v1/jobs/{id}/events', path);
    // Consecutive repeats are ModelArts' own steps within one jobgate status (creating → pending are both `submitted`).
    const statuses = events.data!.items.map((e) => e.to_status).filter((status, i, all) => status !== all[i - 1]);
    expect(statuses).toEqual(['queued', 'submitting', 'submitted', 'running', 'succeeded']);
    const attempts = await client.GET('/v1/jobs/{id}/attempts', path);
    expect(attempts.data!.items).toEqual([expect.objectContaining({ attempt: 1, outcome: 'created' })]);

    await eventually(async () => receiver.at('/hooked').length >= 3, { what: 'three webhooks' });
    const received = receiver.at('/hooked', SECRET).map((hit) => JSON.parse(hit.body) as WebhookEvent);
    expect(received.map((event) => event.type)).toEqual(['job.submitted', 'job.running', 'job.succeeded']);
    const last = received[2] as WebhookEvent<'job.succeeded'>;
    expect([last.data.id, last.data.status]).toEqual([job!.id, 'succeeded']);

    const deliveries = await eventually(
      async () => {
        const { data } = await client.GET('/v1/jobs/{id}/deliveries', path);
        return data && data.items.every((d) => d.status === 'delivered') && data.items.length === 3 ? data.items : null;
      },
      { what: 'three delivered events' },
    );
    const redelivered = await client.POST('/v1/deliveries/{id}/redeliver', { params: { path: { id: deliveries[2]!.id } } });
    expect(redelivered.response.status).toBe(202);
    expect(redelivered.data).toMatchObject({ id: deliveries[2]!.id, type: 'job.succeeded' });
    await eventually(async () => receiver.at('/hooked').filter((hit) => hit.id === deliveries[2]!.id).length === 2, { what: 'the redelivery' });
  });

  it('cancels a job, and a second cancel of the ended job is a typed 409 problem', async () => {
    const { data: job } = await client.POST('/v1/jobs', { body: { training_job: sampleJob('client-cancel') } });
    const canceled = await client.POST('/v1/jobs/{id}/cancel', { params: { path: { id: job!.id } } });
    expect(canceled.response.status).toBe(202);
    expect(['canceling', 'canceled']).toContain(canceled.data!.status);
    expect((await ended(job!.id)).status).toBe('canceled');

    const again = await client.POST('/v1/jobs/{id}/cancel', { params: { path: { id: job!.id } } });
    expect(again.data).toBeUndefined();
    const problem: Problem = again.error!;
    expect([again.response.status, problem.status, again.response.headers.get('Content-Type')]).toEqual([409, 409, 'application/problem+json; charset=utf-8']);
  });

  it('starts a sweep and reads it back with its counts and trials', async () => {
    const body: CreateSweepRequestDto = {
      name: 'client-sweep search',
      template: { training_job: sampleJob('client-sweep'), labels: { team: 'vision' } },
      method: 'grid',
      parameters: { lr: { values: [0.1, 0.01, 0.001] }, batch: { min: 16, max: 64, step: 16 } },
      max_parallel: 3,
    };
    const created = await client.POST('/v1/sweeps', { body });
    expect(created.response.status).toBe(202);
    const sweep = created.data!;
    expect(sweep).toMatchObject({ name: 'client-sweep search', method: 'grid', trial_count: 12, status: 'running', early_stopping: null });
    const read = await client.GET('/v1/sweeps/{id}', { params: { path: { id: sweep.id } } });
    expect(read.data!.id).toBe(sweep.id);
    expect(Object.values(read.data!.counts).reduce((sum, n) => sum + n, 0)).toBe(12);
    const trials = await client.GET('/v1/sweeps/{id}/trials', { params: { path: { id: sweep.id }, query: { limit: 5 } } });
    expect(trials.data!.items).toHaveLength(5);
    expect(trials.data!.next_cursor).toEqual(expect.any(String));
    const stopped = await client.POST('/v1/sweeps/{id}/cancel', { params: { path: { id: sweep.id } } });
    expect([200, 202]).toContain(stopped.response.status);
  });

  it('answers problems as typed errors: every invalid field by path, an unknown id, a refused key', async () => {
    const invalid = await client.POST('/v1/jobs', {
      body: { training_job: { ...sampleJob('client-bad'), config: { ...sampleJob('x').config, spec_id: -1 } } },
    });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error!.errors?.map((e) => e.path)).toContain('training_job.config.spec_id');

    const unknown = await client.GET('/v1/jobs/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
    expect([unknown.data, unknown.error?.status, unknown.error?.title]).toEqual([undefined, 404, 'Not Found']);

    const stranger = stackClient(stack, 'not-a-key-0123456789');
    const refused = await stranger.GET('/v1/jobs', {});
    expect([refused.response.status, refused.error?.status]).toEqual([401, 401]);
  });
});
