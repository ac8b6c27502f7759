import { AkSkAuth, ModelArtsClient } from '@jobgate/modelarts';
import { SIM_CREDENTIALS, Stack, eventually } from './support/stack';
import { sampleJob } from './support/seed-samples';
import { WebhookReceiver } from './support/webhook-receiver';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const webhookEnv = { WEBHOOK_SECRET: SECRET, WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8', POLL_INTERVAL_MS: '300' };

type Api = Stack['api'];
const statusOf = async (api: Api, id: string) => (await api(`/v1/jobs/${id}`)).body;
const reaches = (stack: Stack, id: string, status: string, timeoutMs = 30_000) =>
  eventually(
    async () => {
      const record = await statusOf(stack.api.bind(stack), id);
      return record.status === status ? record : null;
    },
    { what: `job ${id} to be ${status}`, timeoutMs },
  );

/** Jobs that end badly in ModelArts end badly in jobgate too, and say so through the default webhook. */
describe('lifecycle: failed and killed jobs', () => {
  const receiver = new WebhookReceiver();
  let stack: Stack;
  beforeAll(async () => {
    await receiver.start();
    stack = new Stack({
      roles: { api: 1, worker: 1, poller: 1 },
      env: { ...webhookEnv, WEBHOOK_URL: `${receiver.url}/default` },
      simEnv: {
        SIM_INIT_MS: '300',
        SIM_WAITING_MS: '300',
        SIM_RUNNING_MS: '1200',
        SIM_FAULTS: JSON.stringify({ failNamePattern: '^fail-', killNamePattern: '^kill-' }),
      },
    });
    await stack.start();
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
    await receiver.stop();
  });

  const typesFor = (id: string) =>
    receiver
      .at('/default', SECRET)
      .filter((h) => JSON.parse(h.body).data.id === id)
      .map((h) => h.type);

  it('a job ModelArts fails (status 11) ends failed, with the ModelArts status kept and job.failed sent', async () => {
    const { body: job } = await stack.api('/v1/jobs', { body: { training_job: sampleJob('fail-e2e') } });
    const failed = await reaches(stack, job.id, 'failed');
    expect(failed.modelarts).toMatchObject({ status: 11, status_name: 'JOBSTAT_FAILED' });
    expect(failed.error).toMatchObject({ code: 'JOBSTAT_FAILED', retryable: false });
    expect(failed.started_at).not.toBeNull();
    expect(failed.finished_at).not.toBeNull();
    await eventually(async () => typesFor(job.id).length === 3, { what: 'three webhooks' });
    expect(typesFor(job.id)).toEqual(['job.submitted', 'job.running', 'job.failed']);
  });

  it('a job killed in ModelArts (9 then 12) without our asking ends canceled, never passing through canceling', async () => {
    const { body: job } = await stack.api('/v1/jobs', { body: { training_job: sampleJob('kill-e2e') } });
    const canceled = await reaches(stack, job.id, 'canceled');
    expect(canceled.modelarts).toMatchObject({ status: 12, status_name: 'JOBSTAT_KILLED' });
    const changes = (await stack.api(`/v1/jobs/${job.id}/deliveries`)).body.items.map((d: { type: string }) => d.type);
    expect(changes).toEqual(['job.submitted', 'job.running', 'job.canceled']);
    await eventually(async () => typesFor(job.id).length === 3, { what: 'three webhooks' });
  });

  it('a job ModelArts refuses at submission ends failed and announces only job.failed', async () => {
    const outside = new ModelArtsClient({ endpoint: stack.simUrl, projectId: 'e2e-project', auth: new AkSkAuth(SIM_CREDENTIALS) });
    await outside.createTrainingJob(sampleJob('taken-lifecycle'));
    const { body: job } = await stack.api('/v1/jobs', { body: { training_job: sampleJob('taken-lifecycle') } });
    expect((await reaches(stack, job.id, 'failed')).error.code).toBe('ModelArts.0103');
    await eventually(async () => typesFor(job.id).length === 1, { what: 'the job.failed webhook' });
    expect(typesFor(job.id)).toEqual(['job.failed']);
  });
});

/** Cancellation at each stage, with one active slot so the second job is held in `queued`. */
describe('lifecycle: cancellation', () => {
  const stack = new Stack({
    roles: { api: 1, worker: 1, poller: 1 },
    env: { ...webhookEnv, MAX_ACTIVE_JOBS: '1' },
    simEnv: { SIM_INIT_MS: '200', SIM_WAITING_MS: '200', SIM_RUNNING_MS: '600000', SIM_KILL_MS: '500' },
  });
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());

  it('cancels a queued job before it reaches ModelArts, stops a running one, and refuses a terminal one', async () => {
    const { body: first } = await stack.api('/v1/jobs', { body: { training_job: sampleJob('cancel-running') } });
    await reaches(stack, first.id, 'running');
    const { body: second } = await stack.api('/v1/jobs', { body: { training_job: sampleJob('cancel-queued') } });
    await new Promise((r) => setTimeout(r, 1_500)); // the worker keeps trying it: no slot
    expect((await statusOf(stack.api.bind(stack), second.id)).status).toBe('queued');

    const canceledQueued = await stack.api(`/v1/jobs/${second.id}/cancel`, { method: 'POST' });
    expect(canceledQueued.status).toBe(202);
    expect(canceledQueued.body).toMatchObject({ id: second.id, status: 'canceled', modelarts: null });

    const stopping = await stack.api(`/v1/jobs/${first.id}/cancel`, { method: 'POST' });
    expect(stopping.status).toBe(202);
    expect(stopping.body.status).toBe('canceling');
    const canceled = await reaches(stack, first.id, 'canceled');
    expect(canceled.modelarts.status).toBe(12);

    const calls = await stack.sim('/calls');
    expect(calls.filter((c: { op: string; job_name?: string }) => c.op === 'create').map((c: { job_name?: string }) => c.job_name)).toEqual(['cancel-running']);
    expect(calls.filter((c: { op: string }) => c.op === 'stop')).toHaveLength(1);
    expect((await stack.sim('/jobs')).map((j: { job_name: string }) => j.job_name)).not.toContain('cancel-queued');

    for (const id of [first.id, second.id]) {
      const again = await stack.api(`/v1/jobs/${id}/cancel`, { method: 'POST' });
      expect(again.status).toBe(409);
      expect(again.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(again.body.code).toBe('job_terminal');
    }
    expect((await stack.api('/v1/jobs/00000000-0000-0000-0000-000000000000/cancel', { method: 'POST' })).status).toBe(404);

    // Canceled while its create call is in flight: stopped right after ModelArts creates it.
    await stack.sim('/faults', { method: 'PUT', body: { latencyMs: 1_500 } });
    const { body: fourth } = await stack.api('/v1/jobs', { body: { training_job: sampleJob('cancel-submitting') } });
    await reaches(stack, fourth.id, 'submitting', 10_000);
    const flagged = await stack.api(`/v1/jobs/${fourth.id}/cancel`, { method: 'POST' });
    expect(flagged.status).toBe(202);
    expect(flagged.body.status).toBe('submitting');
    await stack.sim('/faults', { method: 'PUT', body: {} });
    await reaches(stack, fourth.id, 'canceled');
    const simJob = (await stack.sim('/jobs')).find((j: { job_name: string }) => j.job_name === 'cancel-submitting');
    expect(simJob.stopped).toBe(true);

    // The slot freed with the terminal transition: the next job goes straight through.
    const { body: third } = await stack.api('/v1/jobs', { body: { training_job: sampleJob('after-cancel') } });
    await reaches(stack, third.id, 'running');
  });
});
